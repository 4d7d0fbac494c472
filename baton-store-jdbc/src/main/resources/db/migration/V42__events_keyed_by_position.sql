-- The log keyed by its position: on SQLite the position becomes the table's own row key
-- (${event_position_type} PRIMARY KEY is SQLite's rowid there, BIGINT on PostgreSQL), so an
-- append writes two B-trees instead of three (the table, its (execution, seq) key and a position
-- index); appends land at the end of the table, and reads in position order follow it.
CREATE TABLE events_v42 (
  position      ${event_position_type} NOT NULL PRIMARY KEY,
  execution_id  TEXT    NOT NULL REFERENCES executions (id),
  seq           BIGINT  NOT NULL,
  type          TEXT    NOT NULL,
  at            TEXT,
  payload       TEXT    NOT NULL,
  CONSTRAINT events_by_execution UNIQUE (execution_id, seq)
);

INSERT INTO events_v42 (position, execution_id, seq, type, at, payload)
  SELECT position, execution_id, seq, type, at, payload FROM events;

DROP TABLE events;

ALTER TABLE events_v42 RENAME TO events;
