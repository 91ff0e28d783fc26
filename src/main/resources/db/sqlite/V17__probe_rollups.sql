-- Results rolled up per minute, hour and day as they are written (one upsert per monitor and bucket for each
-- batch). h0..h11 count response times by fixed bounds (10, 25, 50, 100, 200, 300, 500 ms, 1, 2, 5, 10 s and
-- above), from which p50 and p95 are read. Uptime and charts read these, never the raw results.
CREATE TABLE probe_rollup (
    monitor    TEXT NOT NULL,
    resolution TEXT NOT NULL,
    bucket     BIGINT NOT NULL,
    checks     BIGINT NOT NULL,
    failures   BIGINT NOT NULL,
    held       BIGINT NOT NULL,
    h0         BIGINT NOT NULL,
    h1         BIGINT NOT NULL,
    h2         BIGINT NOT NULL,
    h3         BIGINT NOT NULL,
    h4         BIGINT NOT NULL,
    h5         BIGINT NOT NULL,
    h6         BIGINT NOT NULL,
    h7         BIGINT NOT NULL,
    h8         BIGINT NOT NULL,
    h9         BIGINT NOT NULL,
    h10        BIGINT NOT NULL,
    h11        BIGINT NOT NULL,
    PRIMARY KEY (monitor, resolution, bucket)
);
-- For retention: the oldest buckets of one resolution, in small batches.
CREATE INDEX probe_rollup_age ON probe_rollup (resolution, bucket);
