package dev.firewatch.logwatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A rule's state as the {@code state} column holds it: JSON, times as epoch milliseconds. Internal, but rows
 * outlive a release, so fields are only ever added; a state that cannot be read starts the rule afresh.
 */
final class StateJson {
    private final ObjectMapper json = new ObjectMapper();

    String write(RuleState state) {
        ObjectNode node = json.createObjectNode();
        switch (state) {
            case RateWindow window -> {
                node.put("firing", window.firing());
                ObjectNode buckets = node.putObject("buckets");
                window.buckets().forEach((bucket, count) -> buckets.put(Long.toString(bucket), count));
            }
            case Awaiting awaiting -> {
                ArrayNode open = node.putArray("open");
                awaiting.open().forEach(start -> open.add(start(start)));
                if (awaiting.overdue() != null) {
                    node.set("overdue", start(awaiting.overdue()));
                }
            }
            case LastSeen seen -> {
                node.put("since", seen.since().toEpochMilli());
                node.put("line", seen.line());
                node.put("firing", seen.firing());
            }
        }
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a rule state could not be written as JSON", e);
        }
    }

    /** The state of a rule of that kind, or null when the text is not one (the rule then starts afresh). */
    RuleState read(String kind, String text) {
        try {
            JsonNode node = json.readTree(text);
            return switch (kind) {
                case "rate" -> {
                    TreeMap<Long, Integer> buckets = new TreeMap<>();
                    node.path("buckets")
                            .properties()
                            .forEach(e -> buckets.put(
                                    Long.parseLong(e.getKey()), e.getValue().asInt()));
                    yield new RateWindow(buckets, node.path("firing").asBoolean());
                }
                case "sequence" -> {
                    List<Awaiting.Start> open = new ArrayList<>();
                    node.path("open").forEach(start -> open.add(start(start)));
                    JsonNode overdue = node.path("overdue");
                    yield new Awaiting(open, overdue.isObject() ? start(overdue) : null);
                }
                case "absence" ->
                    new LastSeen(
                            Instant.ofEpochMilli(node.path("since").asLong()),
                            node.path("line").isTextual() ? node.path("line").asText() : null,
                            node.path("firing").asBoolean());
                default -> null;
            };
        } catch (JsonProcessingException | NumberFormatException e) {
            return null;
        }
    }

    private ObjectNode start(Awaiting.Start start) {
        ObjectNode node = json.createObjectNode();
        node.put("at", start.at().toEpochMilli());
        node.put("line", start.line());
        return node;
    }

    private static Awaiting.Start start(JsonNode node) {
        return new Awaiting.Start(
                Instant.ofEpochMilli(node.path("at").asLong()),
                node.path("line").asText());
    }
}
