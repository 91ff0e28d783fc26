-- Under an alert storm, admission folds triggers below critical: their row keeps the severity they folded as, and
-- the consumer counts them into their service's digest (intake_digest) instead of running the alert stages on
-- each. Null: processed one by one. A nullable column is added without rewriting the table, so this migration
-- costs the same on a million rows as on none.
ALTER TABLE intake_journal ADD COLUMN folded TEXT;
