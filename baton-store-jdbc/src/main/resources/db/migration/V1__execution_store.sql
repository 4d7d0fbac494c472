-- One migration set for SQLite and PostgreSQL alike: only TEXT, BIGINT and INTEGER columns.
-- Instants are fixed-width UTC text with nanoseconds ("2026-01-05T09:00:00.000000000Z"), so text
-- order is time order on both databases and nothing is lost on the way in or out.
-- JSON is stored as TEXT.

CREATE TABLE executions (
  id              TEXT    NOT NULL PRIMARY KEY,
  tenant          TEXT,
  status          TEXT    NOT NULL,
  request         TEXT,
  created_at      TEXT    NOT NULL,
  updated_at      TEXT    NOT NULL,
  plan_version    INTEGER NOT NULL,
  steps_total     INTEGER NOT NULL,
  steps_finished  INTEGER NOT NULL,
  last_seq        BIGINT  NOT NULL,
  lease_owner     TEXT,
  lease_until     TEXT
);

CREATE INDEX executions_by_created ON executions (created_at);
CREATE INDEX executions_by_tenant ON executions (tenant, created_at);
CREATE INDEX executions_by_status ON executions (status, created_at);

CREATE TABLE plan_versions (
  execution_id  TEXT    NOT NULL REFERENCES executions (id),
  version       INTEGER NOT NULL,
  plan          TEXT    NOT NULL,
  reason        TEXT,
  created_at    TEXT,
  PRIMARY KEY (execution_id, version)
);

-- The log, the source of truth. Its primary key is what makes two racing appends conflict.
CREATE TABLE events (
  execution_id  TEXT    NOT NULL REFERENCES executions (id),
  seq           BIGINT  NOT NULL,
  type          TEXT    NOT NULL,
  at            TEXT,
  payload       TEXT    NOT NULL,
  PRIMARY KEY (execution_id, seq)
);

CREATE TABLE steps (
  execution_id  TEXT    NOT NULL REFERENCES executions (id),
  step_id       TEXT    NOT NULL,
  status        TEXT    NOT NULL,
  attempts      INTEGER NOT NULL,
  started_at    TEXT,
  finished_at   TEXT,
  error         TEXT,
  PRIMARY KEY (execution_id, step_id)
);

CREATE TABLE approvals (
  id                TEXT    NOT NULL PRIMARY KEY,
  execution_id      TEXT    NOT NULL REFERENCES executions (id),
  step_id           TEXT    NOT NULL,
  tool              TEXT,
  status            TEXT    NOT NULL,
  arguments         TEXT,
  edited_arguments  TEXT,
  comment           TEXT,
  policy            TEXT,
  escalated         INTEGER NOT NULL,
  requested_at      TEXT,
  expires_at        TEXT,
  decided_at        TEXT,
  decided_by        TEXT
);

CREATE INDEX approvals_by_status ON approvals (status, requested_at);

CREATE TABLE cache (
  key         TEXT NOT NULL PRIMARY KEY,
  value       TEXT NOT NULL,
  expires_at  TEXT NOT NULL
);

CREATE INDEX cache_by_expiry ON cache (expires_at);
