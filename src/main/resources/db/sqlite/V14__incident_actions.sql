-- Snoozed: acknowledged until this instant, when paging pages the first step once more. Null when the incident
-- was never snoozed or moved since; a nullable column is a catalog change, not a table rewrite.
ALTER TABLE incident_incident ADD COLUMN snoozed_until BIGINT;

-- The key one-click links in notifications are signed with (HMAC-SHA256). Made once by whichever node starts
-- first and kept here, so every node and every restart accept the same links.
CREATE TABLE incident_link_key (
    name       TEXT PRIMARY KEY,
    secret     TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- Every one-click link that acted, by the SHA-256 of its token: a second use changes nothing and says what
-- the first did, and when.
CREATE TABLE incident_link_use (
    token_hash  TEXT PRIMARY KEY,
    incident_id TEXT NOT NULL,
    action      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    used_at     BIGINT NOT NULL
);
