-- People's ratings of executions. One row per (tenant, execution, person): a later rating by the
-- same person replaces the earlier one. `rated_by` is '' when the person is not known.
CREATE TABLE feedback (
  tenant       TEXT NOT NULL,
  execution_id TEXT NOT NULL REFERENCES executions (id),
  rated_by     TEXT NOT NULL,
  rating       TEXT NOT NULL,
  comment      TEXT,
  rated_at     TEXT NOT NULL,
  PRIMARY KEY (tenant, execution_id, rated_by)
);

CREATE INDEX feedback_by_tenant ON feedback (tenant, rated_at);
