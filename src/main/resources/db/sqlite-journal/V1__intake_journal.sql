-- On SQLite the journal is a database file of its own (journal.db) with its own writer, so committing
-- what senders are waiting for never queues behind the alert stages' transaction on the main file.
-- Append-only on a time-ordered key.
CREATE TABLE intake_journal (
    id          TEXT PRIMARY KEY,
    received_at BIGINT NOT NULL,
    service     TEXT NOT NULL,
    signal      TEXT NOT NULL
);
