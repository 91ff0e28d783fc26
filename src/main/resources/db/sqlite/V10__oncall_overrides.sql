-- On-call overrides: someone takes over a schedule for a while. Schedules and their layers live in the config;
-- overrides are made at runtime, so they live here. Removing one deletes its row; the audit log keeps the story.
CREATE TABLE oncall_override (
    id         TEXT PRIMARY KEY,
    schedule   TEXT NOT NULL,
    user_name  TEXT NOT NULL,
    starts_at  BIGINT NOT NULL,
    ends_at    BIGINT NOT NULL,
    reason     TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX oncall_override_schedule_ends ON oncall_override (schedule, ends_at);

-- Secret calendar feeds, one per schedule or person ('schedule:primary', 'user:alice'): the SHA-256 of the
-- token in the feed's URL. Making a new link replaces the row, so the old link stops working.
CREATE TABLE oncall_calendar (
    subject    TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
