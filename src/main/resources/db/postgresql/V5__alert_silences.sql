-- Silences: matchers (Alertmanager's text form), a time range, who and why. Expiring sets ends_at.
CREATE TABLE alert_silence (
    id         TEXT PRIMARY KEY,
    matchers   TEXT NOT NULL,
    starts_at  BIGINT NOT NULL,
    ends_at    BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    comment    TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX alert_silence_ends ON alert_silence (ends_at);
