-- Auto-resolve (a service's resolve_timeout): the sweeper asks for the firing alerts of one source service
-- that were last seen before a cutoff, oldest first, a bounded batch at a time. This index answers that
-- without reading any other alert, however many are stored.
CREATE INDEX alert_alert_expiry ON alert_alert (source_service, state, last_seen_at);
