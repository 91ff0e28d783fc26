CREATE TABLE incident_incident (
    id              TEXT PRIMARY KEY,
    number          BIGINT NOT NULL UNIQUE,
    service         TEXT NOT NULL,
    group_key       TEXT NOT NULL,
    title           TEXT NOT NULL,
    severity        TEXT NOT NULL,
    state           TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    acknowledged_at BIGINT,
    acknowledged_by TEXT,
    resolved_at     BIGINT,
    resolved_by     TEXT,
    alert_count     BIGINT NOT NULL,
    open_alerts     BIGINT NOT NULL,
    version         BIGINT NOT NULL
);
CREATE INDEX incident_incident_open ON incident_incident (service, group_key, state);
CREATE INDEX incident_incident_state ON incident_incident (state, id);

CREATE TABLE incident_timeline (
    id          TEXT PRIMARY KEY,
    incident_id TEXT NOT NULL,
    at          BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    text        TEXT NOT NULL,
    actor       TEXT
);
CREATE INDEX incident_timeline_incident ON incident_timeline (incident_id, id);

-- Incident numbers are per installation and never reused.
CREATE TABLE incident_counter (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO incident_counter (name, value) VALUES ('incident', 0);
