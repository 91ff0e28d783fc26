-- Every accepted signal, appended in commit order before the sender gets its 2xx. Append-only on a
-- time-ordered key: no index on random keys here (DESIGN §9: that cuts batch throughput sixfold).
CREATE TABLE intake_journal (
    id          TEXT PRIMARY KEY,
    received_at BIGINT NOT NULL,
    service     TEXT NOT NULL,
    signal      TEXT NOT NULL
);

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
