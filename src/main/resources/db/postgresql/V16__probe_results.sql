-- Every check's result, compactly: the failure text only when it failed. Ids are time-ordered (UUIDv7), so
-- inserts append and retention deletes the oldest ids first; pages read one monitor's newest results through
-- (monitor, id). held = 1: it failed to reach its target while Firewatch was cut off from its canaries.
CREATE TABLE probe_result (
    id               TEXT PRIMARY KEY,
    monitor          TEXT NOT NULL,
    at               BIGINT NOT NULL,
    response_time_ms BIGINT NOT NULL,
    passed           INTEGER NOT NULL,
    held             INTEGER NOT NULL,
    failure          TEXT
);
CREATE INDEX probe_result_monitor ON probe_result (monitor, id);
