-- Tools found at run time (MCP servers) that a person allowed, pinned to the digest of the
-- description and schemas they were shown (issue 12).
CREATE TABLE tool_allowances (
  tool        TEXT    NOT NULL PRIMARY KEY,
  digest      TEXT    NOT NULL,
  allowed_by  TEXT    NOT NULL,
  allowed_at  TEXT    NOT NULL
);
