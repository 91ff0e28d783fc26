-- Every check's result, compactly: the failure text only when it failed. Ids are time-ordered integers (the
-- write's millisecond times 1000, plus a count), so inserts append, retention deletes the oldest ids first, and
-- the row itself is the primary key's tree (on SQLite an INTEGER PRIMARY KEY is the rowid), with no text key
-- stored twice: a third of the size a UUID key took. Pages read one monitor's newest results through
-- (monitor, id). held = 1: it failed to reach its target while Firewatch was cut off from its canaries.
CREATE TABLE probe_result (
    id               BIGINT PRIMARY KEY,
    monitor          TEXT NOT NULL,
    at               BIGINT NOT NULL,
    response_time_ms BIGINT NOT NULL,
    passed           INTEGER NOT NULL,
    held             INTEGER NOT NULL,
    failure          TEXT
);
CREATE INDEX probe_result_monitor ON probe_result (monitor, id);
