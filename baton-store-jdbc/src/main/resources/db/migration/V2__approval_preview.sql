-- What approving will do, in the tool's words (for example a meeting's time); may be null.
ALTER TABLE approvals ADD COLUMN preview TEXT;
