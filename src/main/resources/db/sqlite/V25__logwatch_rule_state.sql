-- Log rules: one row per rule, holding what the rule remembers between lines (kind-specific JSON: a rate rule's
-- bucketed counts, a sequence rule's open starts, an absence rule's last match) and when it must be looked at
-- again though no line arrives (due_at: a sequence's deadline, an absence's deadline, a firing rate window's end).
-- The scheduler claims due rows; every write checks version, so two writers never both move one rule. Log lines
-- themselves are not stored.
CREATE TABLE logwatch_rule_state (
    rule        TEXT PRIMARY KEY,
    service     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    definition  TEXT NOT NULL,
    state       TEXT NOT NULL,
    firing      INTEGER NOT NULL,
    changed_at  BIGINT NOT NULL,
    last_change TEXT,
    due_at      BIGINT,
    version     BIGINT NOT NULL
);
CREATE INDEX logwatch_rule_state_due ON logwatch_rule_state (due_at);
