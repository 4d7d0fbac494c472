-- Every event gets a position that rises across all executions in commit order, so a reader that
-- remembers the last position it saw (a tenant's live stream, a process's watcher) misses nothing.
-- Existing events are numbered in time order. Appends take the next positions while they hold the
-- write lock (SQLite's, or an advisory lock on PostgreSQL), so commit order is position order.
ALTER TABLE events ADD COLUMN position BIGINT;

UPDATE events SET position = ranked.n
  FROM (SELECT execution_id, seq, row_number() OVER (ORDER BY at, execution_id, seq) AS n
          FROM events) AS ranked
 WHERE events.execution_id = ranked.execution_id AND events.seq = ranked.seq;

CREATE UNIQUE INDEX events_by_position ON events (position);
