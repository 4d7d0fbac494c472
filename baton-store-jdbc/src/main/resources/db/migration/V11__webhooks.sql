-- Webhooks per tenant (issue 8) and their durable outbox: a row per delivery, written when the
-- event is read from the log (its id is the webhook-id header, the same for every retry), claimed
-- with a lease by the process that sends it, retried with backoff until delivered or given up.
CREATE TABLE webhooks (
  id             TEXT    NOT NULL PRIMARY KEY,
  tenant         TEXT    NOT NULL,
  url            TEXT    NOT NULL,
  events         TEXT    NOT NULL,
  secret         TEXT    NOT NULL,
  description    TEXT,
  active         INTEGER NOT NULL,
  from_position  BIGINT  NOT NULL,
  created_at     TEXT    NOT NULL
);

CREATE INDEX webhooks_by_tenant ON webhooks (tenant, created_at);

CREATE TABLE webhook_deliveries (
  id               TEXT    NOT NULL PRIMARY KEY,
  webhook_id       TEXT    NOT NULL REFERENCES webhooks (id),
  tenant           TEXT    NOT NULL,
  event_type       TEXT    NOT NULL,
  event_position   BIGINT,
  payload          TEXT    NOT NULL,
  status           TEXT    NOT NULL,
  attempts         INTEGER NOT NULL,
  next_attempt_at  TEXT    NOT NULL,
  lease_owner      TEXT,
  lease_until      TEXT,
  last_status      INTEGER,
  last_error       TEXT,
  created_at       TEXT    NOT NULL,
  delivered_at     TEXT
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, created_at);

-- How far the outbox has read the event log (one row, 'outbox').
CREATE TABLE webhook_cursor (
  id        TEXT   NOT NULL PRIMARY KEY,
  position  BIGINT NOT NULL
);
