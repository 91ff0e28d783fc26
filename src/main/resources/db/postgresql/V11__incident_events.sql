-- The incident bus: every change of an incident as an event, written in the same transaction as the change.
-- Listeners (paging, status page) read it after their cursor, in id order; ids are made in commit order.
CREATE TABLE incident_event (
    id          TEXT PRIMARY KEY,
    incident_id TEXT NOT NULL,
    number      BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    at          BIGINT NOT NULL,
    actor       TEXT,
    service     TEXT,
    title       TEXT,
    severity    TEXT,
    previous    TEXT
);

-- How far each listener got. Its work and its cursor commit together, so each event is handled once.
CREATE TABLE incident_event_cursor (
    listener TEXT PRIMARY KEY,
    position TEXT NOT NULL
);
