-- A question asked by a running call (an MCP server's elicitation) carries the JSON schema its
-- answer must fit, so listings show people what to answer; null for a step a person answers whole.
ALTER TABLE questions ADD COLUMN answer_schema TEXT;
