-- Heartbeats: one row per heartbeat that has ever been pinged, saying what its pings left (the status is derived
-- from this and the config, never stored) and when the scheduler must look at it next. The scheduler claims rows
-- whose due_at has come through the index; a ping rewrites the row in the transaction that stores the ping, so a
-- restart goes on where it stood and no deadline lives in memory.
CREATE TABLE heartbeat_state (
    heartbeat       TEXT PRIMARY KEY,
    last_ping_at    BIGINT,
    last_ping_kind  TEXT,
    last_success_at BIGINT,
    failed_at       BIGINT,
    exit_code       INTEGER,
    started_at      BIGINT,
    last_run_ms     BIGINT,
    alarm           TEXT,
    due_at          BIGINT,
    version         BIGINT NOT NULL DEFAULT 0,
    pings           BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX heartbeat_state_due ON heartbeat_state (due_at) WHERE due_at IS NOT NULL;

-- Each ping, newest kept (a bounded number per heartbeat, pruned a few at a time): its kind, the first 10 KiB of
-- its body as the run's log, and how long the run took when a start came before it.
CREATE TABLE heartbeat_ping (
    id          TEXT PRIMARY KEY,
    heartbeat   TEXT NOT NULL,
    at          BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    exit_code   INTEGER,
    run_ms      BIGINT,
    method      TEXT NOT NULL,
    source      TEXT,
    user_agent  TEXT,
    body        TEXT NOT NULL
);
CREATE INDEX heartbeat_ping_newest ON heartbeat_ping (heartbeat, id);
