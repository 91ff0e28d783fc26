-- Snoozed: acknowledged until this instant, when paging pages the first step once more. Null when the incident
-- was never snoozed or moved since; a nullable column is a catalog change, not a table rewrite.
ALTER TABLE incident_incident ADD COLUMN snoozed_until BIGINT;

