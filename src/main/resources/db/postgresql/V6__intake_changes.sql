-- Change events (deploys, config pushes) from /v2/change/enqueue, shown next to incidents.
CREATE TABLE intake_change (
    id      TEXT PRIMARY KEY,
    service TEXT NOT NULL,
    at      BIGINT NOT NULL,
    summary TEXT NOT NULL,
    source  TEXT,
    details TEXT NOT NULL
);
CREATE INDEX intake_change_service ON intake_change (service, at);
