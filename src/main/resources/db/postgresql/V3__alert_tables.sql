-- One row per alert identity; repeats update it. Identity is scoped by the service whose integration key
-- the alert came in with (source_service), so a resolve without labels finds its trigger; service is
-- where the routing tree sent it.
CREATE TABLE alert_alert (
    id             TEXT PRIMARY KEY,
    source_service TEXT NOT NULL,
    service        TEXT NOT NULL,
    fingerprint   TEXT NOT NULL,
    dedup_key     TEXT,
    state         TEXT NOT NULL,
    severity      TEXT NOT NULL,
    summary       TEXT NOT NULL,
    source        TEXT NOT NULL,
    labels        TEXT NOT NULL,
    annotations   TEXT NOT NULL,
    details       TEXT NOT NULL,
    count         BIGINT NOT NULL,
    first_seen_at BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL,
    resolved_at   BIGINT,
    incident_id   TEXT,
    suppressed_by TEXT,
    UNIQUE (source_service, fingerprint)
);
CREATE INDEX alert_alert_incident ON alert_alert (incident_id);
CREATE INDEX alert_alert_state ON alert_alert (state, id);
CREATE INDEX alert_alert_service ON alert_alert (service, state, id);

-- Every state change of an alert, so "why wasn't I paged?" has an answer.
CREATE TABLE alert_history (
    id       TEXT PRIMARY KEY,
    alert_id TEXT NOT NULL,
    at       BIGINT NOT NULL,
    kind     TEXT NOT NULL,
    text     TEXT NOT NULL
);
CREATE INDEX alert_history_alert ON alert_history (alert_id, id);
