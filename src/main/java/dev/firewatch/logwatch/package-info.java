/**
 * Log watchdogs: rules over the log lines services send, which fire an alert with the matching lines as evidence.
 *
 * <h2>{@code POST /api/v1/logs}</h2>
 *
 * <p>Public but keyed like the other intake endpoints: the service's integration key in the {@code
 * X-Integration-Key} header, or {@code ?key=} for shippers that cannot set one (both must agree when both are sent).
 * No key is 401, an unknown key 404. {@code ?label=app=api,host=web-1} gives every line those labels.
 *
 * <table>
 *   <caption>Bodies by Content-Type</caption>
 *   <tr><th>Content-Type</th><th>body</th></tr>
 *   <tr><td>{@code text/plain}, none, form or octet-stream</td><td>one line per line; blank lines are skipped</td></tr>
 *   <tr><td>{@code application/x-ndjson}, {@code application/jsonl}</td><td>one line object or string per
 *       line</td></tr>
 *   <tr><td>{@code application/json}</td><td>a line object, an array of them, {@code {"labels": {...}, "lines":
 *       [...]}}, or JSON lines</td></tr>
 * </table>
 *
 * <p>A line object: the message in the first of {@code message, msg, line, log, MESSAGE, _msg}; the time it was
 * logged in the first of {@code timestamp, time, @timestamp, ts, date} (RFC 3339, or Unix seconds); labels in
 * {@code labels}, and every other field holding a single value is a label too. A line that cannot be read refuses
 * the request with 400 naming it ({@code line 3: no message; ...}); over {@code server.max_body} is 413. The answer,
 * {@code 202 {"service", "accepted", "matched"}}, comes after the state and evidence of the rules the lines touched
 * are committed. The lines themselves are not stored.
 *
 * <h2>Rules</h2>
 *
 * <p>{@link dev.firewatch.logwatch.LogRuleSpec}: {@code rate} (more than N matching lines within a sliding window),
 * {@code sequence} (a start not followed by an expected line within T) and {@code absence} (no matching line for T).
 * Evaluation is pure ({@code Evaluation.of(rule, state, hits, now)}); rules run on the time lines arrive; every
 * deadline is a row's {@code due_at} that the {@code log-rules} thread claims, so restarts lose nothing.
 */
package dev.firewatch.logwatch;
