-- The newest lines each rule matched (its evidence), a bounded number per rule: each batch adds at most that many
-- and prunes the rule's older ones through the (rule, id) index. Ids are time-ordered (UUIDv7).
CREATE TABLE logwatch_match (
    id        TEXT PRIMARY KEY,
    rule      TEXT NOT NULL,
    at        BIGINT NOT NULL,
    logged_at BIGINT,
    role      TEXT NOT NULL,
    line      TEXT NOT NULL
);
CREATE INDEX logwatch_match_rule ON logwatch_match (rule, id);
