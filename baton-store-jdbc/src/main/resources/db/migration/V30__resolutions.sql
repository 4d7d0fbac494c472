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
