/**
 * Intake: the endpoints that accept alerts and events, and the decoders that turn their bodies into
 * {@link dev.firewatch.alert.Signal}s. A decoder is pure: bytes and a receive time in, {@link
 * dev.firewatch.intake.Decoded} out, every field error at once, never an exception.
 *
 * <h2>The native event form ({@code POST /api/v1/events})</h2>
 *
 * <p>The body is one event object, or a batch {@code {"events": [event, ...]}} of at most 1000 events. The
 * integration key comes from the request, not the body. A batch is all or nothing: one bad event refuses it all,
 * and each error names its field by JSON path ({@code events[2].severity}). Fields not listed here are errors.
 *
 * <table>
 *   <caption>Fields of an event</caption>
 *   <tr><th>field</th><th>type</th><th>rule</th></tr>
 *   <tr><td>{@code action}</td><td>string</td><td>{@code trigger} (default), {@code acknowledge} or
 *       {@code resolve}</td></tr>
 *   <tr><td>{@code dedup_key}</td><td>string, at most 255 characters</td><td>the alert's identity; without it
 *       identity is a fingerprint of {@code labels}. An acknowledge or resolve needs a dedup key or labels.</td></tr>
 *   <tr><td>{@code summary}</td><td>string</td><td>required for a trigger; cut to 1024 characters</td></tr>
 *   <tr><td>{@code severity}</td><td>string</td><td>required for a trigger: {@code critical}, {@code error},
 *       {@code warning} or {@code info}</td></tr>
 *   <tr><td>{@code source}</td><td>string</td><td>the affected system, like a host name</td></tr>
 *   <tr><td>{@code labels}</td><td>object of string to string</td><td>identifying labels, used by routing,
 *       silences and inhibition</td></tr>
 *   <tr><td>{@code annotations}</td><td>object of string to string</td><td>descriptive, like
 *       {@code runbook_url}</td></tr>
 *   <tr><td>{@code details}</td><td>object</td><td>anything else, kept as sent</td></tr>
 *   <tr><td>{@code links}</td><td>list of {@code {"href": string, "text": string}}</td><td>{@code href}
 *       required</td></tr>
 *   <tr><td>{@code timestamp}</td><td>string</td><td>RFC 3339 with an offset, like
 *       {@code 2026-11-23T03:14:15.926Z}; the receive time when absent</td></tr>
 * </table>
 *
 * <p>As a JSON Schema, in short:
 *
 * <pre>{@code
 * Event = {"type": "object", "additionalProperties": false,
 *   "properties": {
 *     "action":      {"enum": ["trigger", "acknowledge", "resolve"], "default": "trigger"},
 *     "dedup_key":   {"type": "string", "maxLength": 255},
 *     "summary":     {"type": "string"},
 *     "severity":    {"enum": ["critical", "error", "warning", "info"]},
 *     "source":      {"type": "string"},
 *     "labels":      {"type": "object", "additionalProperties": {"type": "string"}},
 *     "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
 *     "details":     {"type": "object"},
 *     "links":       {"type": "array", "items": {"type": "object", "required": ["href"],
 *                     "properties": {"href": {"type": "string"}, "text": {"type": "string"}}}},
 *     "timestamp":   {"type": "string", "format": "date-time"}},
 *   "if": {"properties": {"action": {"const": "trigger"}}},
 *   "then": {"required": ["summary", "severity"]}}
 * Body = Event | {"type": "object", "additionalProperties": false, "required": ["events"],
 *   "properties": {"events": {"type": "array", "maxItems": 1000, "items": Event}}}
 * }</pre>
 *
 * <p>Example: {@code {"summary": "disk /var is 95% full", "severity": "warning", "labels": {"host": "db1"}}}.
 */
package dev.firewatch.intake;
