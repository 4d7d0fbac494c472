-- What a person told Baton a name means (issue 11): the answer to a clarifying question, per
-- tenant, name (folded) and purpose (meet, contact), so it is not asked again.
CREATE TABLE resolutions (
  tenant      TEXT NOT NULL,
  name        TEXT NOT NULL,
  intents     TEXT NOT NULL,
  value       TEXT NOT NULL,
  label       TEXT,
  at          TEXT NOT NULL,
  PRIMARY KEY (tenant, name, intents)
);

-- Ratings of executions (good or bad, with a comment), per tenant; one per person and execution.
CREATE TABLE feedback (
  tenant       TEXT NOT NULL,
  execution_id TEXT NOT NULL,
  rated_by     TEXT NOT NULL,
  rating       TEXT NOT NULL,
  comment      TEXT,
  at           TEXT NOT NULL,
  PRIMARY KEY (tenant, execution_id, rated_by)
);

CREATE INDEX feedback_by_time ON feedback (tenant, at);
