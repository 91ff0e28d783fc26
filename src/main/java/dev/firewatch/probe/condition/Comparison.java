package dev.firewatch.probe.condition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.firewatch.probe.Condition;
import dev.firewatch.probe.Observation;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One parsed condition: a placeholder, an operator and a value. Evaluating it resolves the placeholder in what the
 * check observed and shows the value it had: {@code [BODY].database ("error") == "ok"}.
 *
 * <p>A value that is not there ({@code (missing)}, {@code (no row)}, {@code (the body is not JSON)}) satisfies no
 * operator, not even {@code !=} or {@code !contains}: a check that saw nothing proves nothing. When the check
 * failed with an error, only {@code [CONNECTED]} has a value.
 */
record Comparison(String text, Operand operand, Operator operator, Literal value, Optional<Pattern> pattern)
        implements Condition {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN_LENGTH = 60;

    /**
     * Equal when written alike: the compiled regex, which has no equality of its own, follows from the value. So a
     * reload that leaves a monitor's conditions as they were leaves its spec equal.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Comparison that
                && text.equals(that.text)
                && operand.equals(that.operand)
                && operator == that.operator
                && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(text, operand, operator, value);
    }

    @Override
    public Verdict evaluate(Observation observed) {
        List<Leaf> leaves = resolve(observed);
        Leaf failed = null;
        for (Leaf leaf : leaves) {
            if (!holds(leaf.seen())) {
                failed = leaf;
                break;
            }
        }
        boolean every = operand.path().stream().anyMatch(Step.Every.class::isInstance);
        String shown;
        if (!every) {
            shown = show(leaves.getFirst().seen());
        } else if (failed == null) {
            shown = leaves.size() == 1 ? "the only one" : "all " + leaves.size();
        } else {
            shown = (failed.where().isEmpty() ? "" : failed.where() + ": ") + show(failed.seen());
        }
        return new Verdict(
                failed == null, operand.text() + " (" + shown + ") " + operator.written() + " " + value.written());
    }

    /** What the check saw at the placeholder; one value, or one per element where the path has {@code [*]}. */
    private List<Leaf> resolve(Observation observed) {
        Placeholder placeholder = operand.placeholder();
        if (observed.error().isPresent() && placeholder != Placeholder.CONNECTED) {
            return List.of(new Leaf("", new Absent("missing")));
        }
        Seen seen =
                switch (placeholder) {
                    case STATUS ->
                        observed.status()
                                .<Seen>map(s -> new Json(IntNode.valueOf(s)))
                                .orElse(new Absent("missing"));
                    case BODY -> {
                        if (observed.body().isEmpty()) {
                            yield new Absent("missing");
                        }
                        if (operand.path().isEmpty()) {
                            yield new Json(TextNode.valueOf(observed.body().get()));
                        }
                        try {
                            yield new Json(JSON.readTree(observed.body().get()));
                        } catch (JsonProcessingException notJson) {
                            yield new Absent("the body is not JSON");
                        }
                    }
                    case HEADER -> header(observed.headers());
                    case RESPONSE_TIME -> new Elapsed(observed.responseTime());
                    case CERT_EXPIRY ->
                        observed.certificateExpiry()
                                .<Seen>map(expiry -> new Elapsed(Duration.between(observed.at(), expiry)))
                                .orElse(new Absent("no certificate"));
                    case CERT_MATCHES_HOST ->
                        observed.certificateMatchesHost()
                                .<Seen>map(matches -> new Json(BooleanNode.valueOf(matches)))
                                .orElse(new Absent("no certificate"));
                    case CONNECTED -> new Json(BooleanNode.valueOf(observed.reached()));
                    case RESULT ->
                        observed.result()
                                .<Seen>map(result ->
                                        new Json(result instanceof JsonNode node ? node : JSON.valueToTree(result)))
                                .orElse(new Absent("no row"));
                    case ADDRESSES ->
                        observed.body().<Seen>map(Comparison::addresses).orElse(new Absent("no address"));
                };
        if (operand.path().isEmpty() || !(seen instanceof Json json)) {
            return List.of(new Leaf("", seen));
        }
        List<Leaf> leaves = new ArrayList<>();
        walk(json.node(), 0, "", leaves);
        return leaves;
    }

    private Seen header(Map<String, List<String>> headers) {
        String name = operand.header().orElseThrow();
        for (var entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return new Json(TextNode.valueOf(String.join(", ", entry.getValue())));
            }
        }
        return new Absent("missing");
    }

    private static Seen addresses(String body) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (String address : body.split(",")) {
            if (!address.isBlank()) {
                list.add(address.strip());
            }
        }
        return new Json(list);
    }

    /** Follows the path from step {@code i}; {@code [*]} branches into every element. */
    private void walk(JsonNode node, int i, String where, List<Leaf> leaves) {
        if (i == operand.path().size()) {
            leaves.add(new Leaf(where, new Json(node)));
            return;
        }
        Step step = operand.path().get(i);
        if (step instanceof Step.Every) {
            String list = where.isEmpty() ? "the body" : where;
            if (!node.isArray()) {
                leaves.add(new Leaf("", new Absent(list + " is not a list")));
            } else if (node.isEmpty()) {
                leaves.add(new Leaf("", new Absent(list + " is an empty list")));
            } else {
                for (int k = 0; k < node.size(); k++) {
                    walk(node.get(k), i + 1, where + "[" + k + "]", leaves);
                }
            }
            return;
        }
        JsonNode next =
                switch (step) {
                    case Step.Field field -> node.isObject() ? node.get(field.name()) : null;
                    case Step.Index index -> node.isArray() ? node.get(index.index()) : null;
                    case Step.Every every -> throw new IllegalStateException("handled above");
                };
        String reached = where
                + switch (step) {
                    case Step.Field field -> (where.isEmpty() ? "" : ".") + field.name();
                    case Step.Index index -> "[" + index.index() + "]";
                    case Step.Every every -> "[*]";
                };
        if (next == null || next.isMissingNode()) {
            leaves.add(new Leaf(reached, new Absent("missing")));
        } else {
            walk(next, i + 1, reached, leaves);
        }
    }

    private boolean holds(Seen seen) {
        if (seen instanceof Absent) {
            return false;
        }
        return switch (operator) {
            case EQUAL -> equal(seen);
            case NOT_EQUAL -> !equal(seen);
            case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL ->
                order(seen).map(operator::accepts).orElse(false);
            case CONTAINS -> contains(seen);
            case NOT_CONTAINS -> !contains(seen);
            case MATCHES -> matches(seen);
        };
    }

    private boolean equal(Seen seen) {
        if (seen instanceof Elapsed elapsed) {
            return order(elapsed).map(c -> c == 0).orElse(false);
        }
        JsonNode node = ((Json) seen).node();
        return switch (value) {
            case Literal.Null ignored -> node.isNull();
            case Literal.Number number ->
                number(node).map(n -> n.compareTo(number.value()) == 0).orElse(false);
            case Literal.Bool bool ->
                node.isBoolean()
                        ? node.booleanValue() == bool.value()
                        : text(node).equals(bool.text());
            case Literal.Text text -> !node.isNull() && text(node).equals(text.value());
            case Literal.Span ignored -> false;
        };
    }

    /** How the observed value compares with the written one; empty when they are not both numbers or durations. */
    private Optional<Integer> order(Seen seen) {
        if (seen instanceof Elapsed elapsed) {
            return switch (value) {
                case Literal.Span span -> Optional.of(elapsed.duration().compareTo(span.value()));
                case Literal.Number number ->
                    Optional.of(
                            BigDecimal.valueOf(elapsed.duration().toMillis()).compareTo(number.value()));
                default -> Optional.empty();
            };
        }
        if (!(value instanceof Literal.Number number)) {
            return Optional.empty();
        }
        return number(((Json) seen).node()).map(n -> n.compareTo(number.value()));
    }

    private boolean contains(Seen seen) {
        JsonNode node = ((Json) seen).node();
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (text(element).equals(value.text())) {
                    return true;
                }
            }
            return false;
        }
        return text(node).contains(value.text());
    }

    /** Searches the text (not anchored; write ^ and $ to match all of it); a list matches when any element does. */
    private boolean matches(Seen seen) {
        Pattern regex = pattern.orElseThrow();
        JsonNode node = ((Json) seen).node();
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (regex.matcher(text(element)).find()) {
                    return true;
                }
            }
            return false;
        }
        return regex.matcher(text(node)).find();
    }

    private static Optional<BigDecimal> number(JsonNode node) {
        if (node.isNumber()) {
            return Optional.of(node.decimalValue());
        }
        if (node.isTextual()) {
            try {
                return Optional.of(new BigDecimal(node.textValue().strip()));
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A string as it is, a number or true/false as JSON writes it, a list or object as compact JSON. */
    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : node.isValueNode() ? node.asText() : node.toString();
    }

    private String show(Seen seen) {
        return switch (seen) {
            case Absent absent -> absent.why();
            case Elapsed elapsed ->
                operand.placeholder() == Placeholder.RESPONSE_TIME
                        ? elapsed.duration().toMillis() + "ms"
                        : Spans.remaining(elapsed.duration());
            case Json json -> shown(json.node());
        };
    }

    private static String shown(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            String cut = text.length() > SHOWN_LENGTH ? text.substring(0, SHOWN_LENGTH) + "…" : text;
            return "\"" + cut.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        }
        String json = node.toString();
        return json.length() > SHOWN_LENGTH ? json.substring(0, SHOWN_LENGTH) + "…" : json;
    }

    /** What the check saw at one place: a JSON value, a duration, or nothing and why. */
    private sealed interface Seen permits Json, Elapsed, Absent {}

    private record Json(JsonNode node) implements Seen {}

    private record Elapsed(Duration duration) implements Seen {}

    private record Absent(String why) implements Seen {}

    /** @param where the element a {@code [*]} reached, like {@code checks[2].ok}, for the verdict */
    private record Leaf(String where, Seen seen) {}
}
