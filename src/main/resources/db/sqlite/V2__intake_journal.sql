-- The journal itself lives in journal.db on SQLite (db/sqlite-journal), so its commits have a write lock
-- of their own. This file keeps what the consumer commits together with its work.

-- How far each consumer of the journal has got; advanced in the same transaction as its work.
CREATE TABLE intake_cursor (
    consumer TEXT PRIMARY KEY,
    position TEXT NOT NULL
);

-- Journal rows whose processing failed on its own; kept for an operator, never dropped silently.
CREATE TABLE intake_failed (
    journal_id TEXT PRIMARY KEY,
    failed_at  BIGINT NOT NULL,
    error      TEXT NOT NULL
);
