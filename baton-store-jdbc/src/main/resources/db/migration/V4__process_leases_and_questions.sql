-- Executions are held per process, not per execution: a process renews one row of its own, and an
-- execution whose holder has no live row is free. (lease_until on executions is no longer used.)
CREATE TABLE processes (
  id          TEXT    NOT NULL PRIMARY KEY,
  host        TEXT,
  pid         BIGINT  NOT NULL,
  started_at  TEXT,
  until       TEXT    NOT NULL
);

CREATE INDEX executions_by_owner ON executions (lease_owner);

-- Clarifying questions wait for a person like approvals; listed per tenant, oldest first.
CREATE TABLE questions (
  id           TEXT    NOT NULL PRIMARY KEY,
  execution_id TEXT    NOT NULL REFERENCES executions (id),
  step_id      TEXT    NOT NULL,
  tool         TEXT,
  status       TEXT    NOT NULL,
  input        TEXT,
  answer       TEXT,
  answered_by  TEXT,
  policy       TEXT,
  escalated    INTEGER NOT NULL,
  asked_at     TEXT,
  expires_at   TEXT,
  answered_at  TEXT
);

CREATE INDEX questions_by_status ON questions (status, asked_at);

-- An approval is bound to a digest of exactly the arguments it shows.
ALTER TABLE approvals ADD COLUMN digest TEXT;

-- Step rows are no longer projected: one execution's steps come from its log.
DROP TABLE steps;
