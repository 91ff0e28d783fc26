package dev.firewatch.logwatch;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the body of {@code POST /api/v1/logs} into lines, or the one reason it cannot, naming the line. Pure: no
 * I/O, no clock. The formats are described in this package's documentation.
 */
final class LogBody {
    /** Where log shippers put the message, in the order they are looked for. */
    static final List<String> MESSAGE_FIELDS = List.of("message", "msg", "line", "log", "MESSAGE", "_msg");
    /** Where log shippers put the time a line was logged, in the order they are looked for. */
    static final List<String> TIME_FIELDS = List.of("timestamp", "time", "@timestamp", "ts", "date");

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(64).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** What the body held. */
    sealed interface Result permits Lines, Refused {}

    record Lines(List<LogLine> lines) implements Result {
        Lines {
            lines = List.copyOf(lines);
        }
    }

    /** @param field the JSON path of the value at fault, or null */
    record Refused(int status, String error, String field) implements Result {}

    /** A line that could not be read: the line's number and what is wrong. */
    private static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;
        private final String field;

        Bad(String message, String field) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    private LogBody() {}

    /**
     * @param contentType the request's {@code Content-Type}, or null
     * @param labels the labels every line gets (from {@code ?label=}); a line's own labels win
     */
    static Result read(byte[] body, String contentType, Map<String, String> labels) {
        String type =
                contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        boolean json = type.contains("json");
        if (!json && !plainType(type)) {
            return new Refused(
                    415,
                    "send log lines as text/plain (one line each) or as JSON (application/json or"
                            + " application/x-ndjson), not " + type,
                    "Content-Type");
        }
        try {
            String text = utf8(body == null ? new byte[0] : body);
            List<LogLine> lines;
            if (!json) {
                lines = plain(text, labels);
            } else if (type.contains("ndjson") || type.contains("jsonl")) {
                lines = jsonLines(text, labels);
            } else {
                lines = whole(text, labels);
            }
            return new Lines(lines);
        } catch (Bad bad) {
            return new Refused(400, bad.getMessage(), bad.field);
        }
    }

    private static boolean plainType(String type) {
        return type.isEmpty()
                || type.startsWith("text/")
                || type.equals("application/x-www-form-urlencoded")
                || type.equals("application/octet-stream");
    }

    /** One line per line; blank lines are skipped, a carriage return before the newline is not part of the line. */
    private static List<LogLine> plain(String text, Map<String, String> labels) {
        List<LogLine> lines = new ArrayList<>();
        text.lines().filter(line -> !line.isBlank()).forEach(line -> lines.add(new LogLine(line, labels, null)));
        return lines;
    }

    /** One JSON value per line (a line object or a string); blank lines are skipped. */
    private static List<LogLine> jsonLines(String text, Map<String, String> labels) throws Bad {
        List<LogLine> lines = new ArrayList<>();
        List<String> physical = text.lines().toList();
        for (int i = 0; i < physical.size(); i++) {
            if (physical.get(i).isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(physical.get(i));
            } catch (JacksonException e) {
                throw new Bad(
                        "line " + (i + 1) + ": not valid JSON" + column(e.getLocation()) + ": " + shortened(e), null);
            }
            lines.add(item(node, labels, i + 1, null));
        }
        return lines;
    }

    /**
     * One JSON document: an array of lines, {@code {"labels": {...}, "lines": [...]}}, or one line object. A body
     * that is not one document but several lines of JSON is read as JSON lines, which is what Fluent Bit's {@code
     * json_lines} sends under {@code application/json}.
     */
    private static List<LogLine> whole(String text, Map<String, String> labels) throws Bad {
        if (text.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            if (text.strip().lines().count() > 1 && !text.strip().startsWith("[")) {
                return jsonLines(text, labels);
            }
            throw new Bad(
                    "line " + line(e.getLocation()) + ": not valid JSON" + column(e.getLocation()) + ": "
                            + shortened(e),
                    null);
        }
        if (root.isArray()) {
            return items(root, labels, "");
        }
        if (root.isObject() && root.has("lines")) {
            JsonNode lines = root.get("lines");
            if (!lines.isArray()) {
                throw new Bad("lines: expected a list of lines, found " + kind(lines), "lines");
            }
            Map<String, String> shared = new HashMap<>(labels);
            shared.putAll(labels(root.get("labels"), "labels", 1));
            return items(lines, shared, "lines");
        }
        return List.of(item(root, labels, 1, null));
    }

    private static List<LogLine> items(JsonNode array, Map<String, String> labels, String path) throws Bad {
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            lines.add(item(array.get(i), labels, i + 1, path + "[" + i + "]"));
        }
        return lines;
    }

    /**
     * A line: a string, or an object with the message, perhaps a time and labels. Its other fields that hold a
     * single value ({@code level}, {@code host}) are labels too, so a rule can match them.
     *
     * @param number the line's number in the batch, from 1, for messages
     * @param path the item's JSON path, or null for a line of JSON lines
     */
    private static LogLine item(JsonNode node, Map<String, String> labels, int number, String path) throws Bad {
        String at = "line " + number + (path == null ? "" : " (" + path + ")");
        if (node.isTextual()) {
            return new LogLine(node.asText(), labels, null);
        }
        if (!node.isObject()) {
            throw new Bad(
                    at + ": expected a line object like {\"message\": \"...\"} or a string, found " + kind(node), path);
        }
        String messageField =
                MESSAGE_FIELDS.stream().filter(node::has).findFirst().orElse(null);
        if (messageField == null) {
            throw new Bad(
                    at + ": no message; put the line's text in one of " + String.join(", ", MESSAGE_FIELDS), path);
        }
        JsonNode message = node.get(messageField);
        if (!message.isTextual()) {
            throw new Bad(
                    at + ": " + messageField + " must be a string, found " + kind(message), field(path, messageField));
        }
        Instant loggedAt = null;
        String timeField = TIME_FIELDS.stream().filter(node::has).findFirst().orElse(null);
        if (timeField != null) {
            loggedAt = time(node.get(timeField), at + ": " + timeField, field(path, timeField));
        }
        Map<String, String> all = new HashMap<>(labels);
        for (var field : node.properties()) {
            JsonNode value = field.getValue();
            if (value.isValueNode()
                    && !value.isNull()
                    && !field.getKey().equals("labels")
                    && !field.getKey().equals(messageField)
                    && !field.getKey().equals(timeField)) {
                all.put(field.getKey(), value.asText());
            }
        }
        all.putAll(labels(node.get("labels"), at + ": labels", number));
        return new LogLine(message.asText(), all, loggedAt);
    }

    private static Map<String, String> labels(JsonNode node, String where, int number) throws Bad {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new Bad(
                    where + ": expected an object of label names to values, like {\"app\": \"api\"}, found "
                            + kind(node),
                    "labels");
        }
        Map<String, String> labels = new HashMap<>();
        for (var label : node.properties()) {
            if (!label.getValue().isValueNode() || label.getValue().isNull()) {
                throw new Bad(
                        where + "." + label.getKey() + ": a label's value must be a string, found "
                                + kind(label.getValue()),
                        "labels." + label.getKey());
            }
            labels.put(label.getKey(), label.getValue().asText());
        }
        return labels;
    }

    /**
     * RFC 3339 ({@code 2026-11-23T03:14:15.926Z}), or a number of Unix seconds with a fraction as Fluent Bit and zap
     * write them (a number above 10^11 is taken as milliseconds).
     */
    private static Instant time(JsonNode node, String where, String field) throws Bad {
        if (node.isNumber()) {
            double value = node.asDouble();
            if (value > 0 && value < 1e15) {
                return value > 1e11
                        ? Instant.ofEpochMilli((long) value)
                        : Instant.ofEpochMilli(Math.round(value * 1000));
            }
        } else if (node.isTextual()) {
            try {
                return OffsetDateTime.parse(node.asText()).toInstant();
            } catch (DateTimeException e) {
                // said below
            }
        }
        throw new Bad(
                where + ": expected an RFC 3339 time like 2026-11-23T03:14:15.926Z or Unix seconds, found "
                        + (node.isTextual() ? "\"" + shortened(node.asText()) + "\"" : kind(node)),
                field);
    }

    private static String utf8(byte[] body) throws Bad {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += body[i] == '\n' ? 1 : 0;
            }
            throw new Bad(
                    "line " + line + ": not UTF-8 (byte " + in.position() + " does not start or continue a UTF-8"
                            + " character); send UTF-8",
                    null);
        }
        return out.flip().toString();
    }

    private static String field(String path, String name) {
        return path == null ? name : path + "." + name;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case NULL -> "null";
            case STRING -> "a string";
            default -> "something else";
        };
    }

    private static long line(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? 1 : location.getLineNr();
    }

    private static String column(JsonLocation location) {
        return location == null || location.getColumnNr() < 1 ? "" : " at column " + location.getColumnNr();
    }

    private static String shortened(JacksonException e) {
        // Jackson names its own setting ("from `StreamReadConstraints...`"), which means nothing to a sender.
        return shortened(String.valueOf(e.getOriginalMessage()).replaceAll(", from `[^`]*`", ""));
    }

    private static String shortened(String message) {
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() <= 120 ? line : line.substring(0, 120) + "…";
    }
}
