-- One small row per monitor: its state and what it follows from, updated with each result, so a restart
-- carries on where it was (a monitor that was down stays down and does not page again) without reading any
-- history. Read by primary key only. The connectivity check keeps its own row here under the name
-- ':connectivity', which no monitor can have.
CREATE TABLE probe_monitor_state (
    name             TEXT PRIMARY KEY,
    state            TEXT NOT NULL,
    failures         INTEGER NOT NULL,
    successes        INTEGER NOT NULL,
    since            BIGINT NOT NULL,
    reason           TEXT NOT NULL,
    alerting         INTEGER NOT NULL,
    flapping         INTEGER NOT NULL,
    changes          TEXT NOT NULL,
    last_at          BIGINT,
    last_response_ms BIGINT,
    last_passed      INTEGER,
    last_failure     TEXT,
    updated_at       BIGINT NOT NULL
);
