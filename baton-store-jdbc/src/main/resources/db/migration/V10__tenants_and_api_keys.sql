-- Tenants and API keys (the HTTP API, issue 8). Every execution belongs to a tenant; rows written
-- before tenants existed belong to 'default'. Approvals, questions and logs are the events and
-- projections of an execution, so they are scoped by their execution's tenant.
CREATE TABLE tenants (
  id          TEXT NOT NULL PRIMARY KEY,
  created_at  TEXT NOT NULL
);

INSERT INTO tenants (id, created_at) VALUES ('default', '1970-01-01T00:00:00.000000000Z');

UPDATE executions SET tenant = 'default' WHERE tenant IS NULL;

-- A key is shown once; only its SHA-256 is kept (keys are 256 random bits, so a slow hash adds
-- nothing). The id is the key's visible prefix (bt_ and 8 hex digits; the whole key has the shape the redactor removes).
CREATE TABLE api_keys (
  id            TEXT NOT NULL PRIMARY KEY,
  tenant        TEXT NOT NULL REFERENCES tenants (id),
  name          TEXT NOT NULL,
  role          TEXT NOT NULL,
  hash          TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  revoked_at    TEXT,
  last_used_at  TEXT
);

CREATE INDEX api_keys_by_tenant ON api_keys (tenant, created_at);

-- The same Idempotency-Key twice starts one execution; the hash tells a replay from a misuse.
CREATE TABLE idempotency_keys (
  tenant        TEXT NOT NULL,
  idem_key      TEXT NOT NULL,
  request_hash  TEXT NOT NULL,
  execution_id  TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (tenant, idem_key)
);
