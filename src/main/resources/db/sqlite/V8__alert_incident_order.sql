-- An incident's page shows its newest alerts first, a page at a time. With the index on incident_id alone,
-- the database reads every alert of the incident to sort them by id, thousands in a storm; on
-- (incident_id, id) it reads one page from the end of the incident's range. The new index does everything
-- the old one did, so the old one goes. Building it reads alert_alert once, on the upgrade that adds it.
CREATE INDEX alert_alert_incident_id ON alert_alert (incident_id, id);
DROP INDEX alert_alert_incident;
