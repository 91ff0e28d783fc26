-- Triggers and resolves a rule made, committed in the transaction that changed the rule's state, and deleted once
-- intake's journal has them: a crash between the two submits one again, which the alert's dedup key absorbs.
CREATE TABLE logwatch_signal (
    id         TEXT PRIMARY KEY,
    rule       TEXT NOT NULL,
    service    TEXT NOT NULL,
    signal     TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
