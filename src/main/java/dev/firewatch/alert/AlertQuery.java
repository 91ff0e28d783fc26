package dev.firewatch.alert;

import java.util.Map;
import java.util.Set;

/**
 * What the alerts list asks for: one page, newest first.
 *
 * @param service null for every service
 * @param labels label values an alert must have, all of them; empty for no label filter
 * @param before the id of the last alert of the page before, or null for the newest
 */
public record AlertQuery(
        Set<AlertState> states, String service, Map<String, String> labels, String before, int limit) {}
