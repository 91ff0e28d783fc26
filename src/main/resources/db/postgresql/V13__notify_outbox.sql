-- The outbox: every notification, written in the transaction of the escalation step (or incident event) that
-- caused it. Workers claim due rows, send outside any transaction, and record the outcome; a claim moves due_at
-- past the send's timeout, so a crash between send and record sends again (same idempotency key) and never
-- loses the notification. idempotency_key is unique: the same page is never queued twice.
CREATE TABLE notify_outbox (
    id              TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    incident_id     TEXT,
    event           TEXT NOT NULL,
    recipient_kind  TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    method          TEXT NOT NULL,
    payload         TEXT NOT NULL,
    while_unacked   INTEGER NOT NULL,
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    due_at          BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    sent_at         BIGINT,
    detail          TEXT,
    fallback_of     TEXT
);
CREATE INDEX notify_outbox_due ON notify_outbox (state, due_at);
CREATE INDEX notify_outbox_incident ON notify_outbox (incident_id, id);
