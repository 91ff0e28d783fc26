-- Paging: one row per incident that escalates, saying which step pages next and when. The scheduler claims rows
-- whose due_at has come; responses (acknowledge, snooze, escalate by hand) rewrite the row in the transaction
-- that handles their incident event, so a restart goes on exactly where it stood.
CREATE TABLE paging_escalation (
    incident_id     TEXT PRIMARY KEY,
    incident_number BIGINT NOT NULL,
    service         TEXT NOT NULL,
    policy          TEXT NOT NULL,
    level           TEXT NOT NULL,
    next_step       INTEGER NOT NULL,
    round           INTEGER NOT NULL,
    pages           INTEGER NOT NULL,
    due_at          BIGINT,
    snooze_end      INTEGER NOT NULL,
    opened_at       BIGINT NOT NULL
);
CREATE INDEX paging_escalation_due ON paging_escalation (due_at);

-- Everyone an incident paged (people and channels), so they hear its resolve and any regression even after
-- they acknowledged: an acknowledgement stops escalation, it is not a silence.
CREATE TABLE paging_responder (
    incident_id TEXT NOT NULL,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    paged_at    BIGINT NOT NULL,
    PRIMARY KEY (incident_id, kind, name)
);
