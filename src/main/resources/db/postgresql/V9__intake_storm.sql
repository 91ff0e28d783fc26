-- Under an alert storm, admission folds triggers below critical: their row keeps the severity they folded as, and
-- the consumer counts them into their service's digest instead of running the alert stages on each. Null:
-- processed one by one. A nullable column is a catalog change, not a table rewrite. (On SQLite this column is in
-- db/sqlite-journal, with the journal's own file.)
ALTER TABLE intake_journal ADD COLUMN folded TEXT;

-- Storm digests: what admission folded instead of processing one by one, counted per service, severity
-- and minute of receipt. The journal consumer adds to them in the same transaction as its cursor, so each
-- folded event is counted exactly once. The id is made when the first event of the minute folds, so id order
-- is time order (the API pages by it).
CREATE TABLE intake_digest (
    id       TEXT PRIMARY KEY,
    service  TEXT NOT NULL,
    severity TEXT NOT NULL,
    minute   BIGINT NOT NULL,
    events   BIGINT NOT NULL,
    first_at BIGINT NOT NULL,
    last_at  BIGINT NOT NULL,
    samples  TEXT NOT NULL
);
CREATE UNIQUE INDEX intake_digest_window ON intake_digest (service, severity, minute);
-- The alerts page shows the digests of the last hour: found by minute, not by reading the table.
CREATE INDEX intake_digest_minute ON intake_digest (minute);
