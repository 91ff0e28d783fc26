-- Under an alert storm, admission marks rows below critical as folded (1): the consumer counts them into
-- their service's digest (intake_digest) instead of running the alert stages on each. A constant default
-- adds the column without rewriting the table, so this migration costs the same on a million rows as on none.
ALTER TABLE intake_journal ADD COLUMN folded INTEGER NOT NULL DEFAULT 0;
