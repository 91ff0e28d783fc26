package dev.firewatch.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firewatch.alert.Signal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads the fields of one JSON object and, for each field that is missing or wrong, records a {@link FieldError}
 * naming it by its JSON path. Readers return null for a field that is absent or wrong, so a decoder reads every
 * field, collects every error, and only then decides whether the body is accepted.
 *
 * <p>A JSON {@code null} counts as absent, and so does a blank string: senders write {@code "dedup_key": null} or
 * {@code ""} when they mean "none".
 */
final class JsonFields {
    /** Whether a field must be there. */
    enum Need {
        REQUIRED,
        OPTIONAL;

        static Need requiredWhen(boolean required) {
            return required ? REQUIRED : OPTIONAL;
        }
    }

    private final ObjectNode object;
    private final String path;
    private final List<FieldError> errors;

    private JsonFields(ObjectNode object, String path, List<FieldError> errors) {
        this.object = object;
        this.path = path;
        this.errors = errors;
    }

    /** The fields of a body's top-level object (paths without a prefix, like {@code payload.summary}). */
    static JsonFields top(ObjectNode object, List<FieldError> errors) {
        return new JsonFields(object, "", errors);
    }

    /** The JSON path of one of this object's fields. */
    String path(String name) {
        String step = plainName(name) ? name : "[" + quoted(name) + "]";
        return path.isEmpty() || step.startsWith("[") ? path + step : path + "." + step;
    }

    /**
     * A name that needs no brackets in a path, {@code [A-Za-z_][A-Za-z0-9_]*}; checked by hand because every
     * nested object and list element asks (two to three times per Alertmanager alert), and a regular expression
     * showed in the batch intake profile.
     */
    private static boolean plainName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** True when the field is there and not null. */
    boolean has(String name) {
        JsonNode node = object.get(name);
        return node != null && !node.isNull();
    }

    /** Records an error about a field of this object. */
    void reject(String name, String sentenceAfterPath) {
        errors.add(new FieldError(path(name), "'" + path(name) + "' " + sentenceAfterPath));
    }

    /** A string field; null when absent, blank or not a string. */
    String string(String name, Need need) {
        JsonNode node = present(name, need, "a string");
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            reject(name, "must be a string, got " + kindOf(node));
            return null;
        }
        if (node.textValue().isBlank()) {
            if (need == Need.REQUIRED) {
                reject(name, "is missing or blank; expected a string");
            }
            return null;
        }
        return node.textValue();
    }

    /** A string field kept to {@code maxLength} characters, cut at a character boundary, never rejected for length. */
    String text(String name, Need need, int maxLength) {
        String text = string(name, need);
        return text == null ? null : cut(text, maxLength);
    }

    /** The first {@code maxLength} characters of {@code text}, never splitting a surrogate pair. */
    static String cut(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        int end = Character.isLowSurrogate(text.charAt(maxLength)) ? maxLength - 1 : maxLength;
        return text.substring(0, end);
    }

    /** A string field of at most {@code maxLength} characters; longer is an error. */
    String bounded(String name, Need need, int maxLength) {
        String text = string(name, need);
        if (text != null && text.length() > maxLength) {
            reject(name, "is " + text.length() + " characters long; at most " + maxLength + " are allowed");
            return null;
        }
        return text;
    }

    /** A string field that must be one of {@code choices}' keys. */
    <T> T oneOf(String name, Need need, Map<String, T> choices) {
        String text = string(name, need);
        if (text == null) {
            return null;
        }
        T choice = choices.get(text);
        if (choice == null) {
            reject(
                    name,
                    "is invalid (must be one of " + String.join(", ", choices.keySet()) + "), got " + quoted(text));
        }
        return choice;
    }

    /** A time field; null when absent or not a time. */
    Instant time(String name, Need need) {
        String text = string(name, need);
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.parse(text);
        } catch (DateTimeException e) {
            reject(name, "is not an ISO 8601 time with an offset (like 2026-11-23T03:14:15.926Z), got " + quoted(text));
            return null;
        }
    }

    /** A whole number field; null when absent or not a whole number that fits in a long. */
    Long whole(String name, Need need) {
        JsonNode node = present(name, need, "a whole number");
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            reject(name, "must be a whole number, got " + kindOf(node));
            return null;
        }
        return node.longValue();
    }

    /**
     * An object whose values are all strings (labels, annotations): sorted by name and immutable; empty when
     * absent; null when it or any of its values is wrong (each wrong value is its own error).
     */
    Map<String, String> stringMap(String name, Need need) {
        JsonFields map = object(name, need);
        if (map == null) {
            return has(name) || need == Need.REQUIRED ? null : Collections.emptySortedMap();
        }
        TreeMap<String, String> strings = new TreeMap<>();
        boolean valid = true;
        for (Map.Entry<String, JsonNode> entry : map.object.properties()) {
            JsonNode value = entry.getValue();
            if (!value.isTextual()) {
                map.reject(entry.getKey(), "must be a string, got " + kindOf(value));
                valid = false;
            } else {
                strings.put(entry.getKey(), value.textValue());
            }
        }
        return valid ? Collections.unmodifiableSortedMap(strings) : null;
    }

    /**
     * Free-form details: an object becomes a map; any other value is kept under the key {@code details}, so
     * nothing a sender wrote is lost. Empty when absent.
     */
    Map<String, Object> details(String name) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (node instanceof ObjectNode details) {
            return PlainJson.object(details);
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("details", PlainJson.value(node));
        return Collections.unmodifiableMap(wrapped);
    }

    /** Free-form details that must be an object. Empty when absent; null when not an object. */
    Map<String, Object> detailsObject(String name) {
        JsonFields details = object(name, Need.OPTIONAL);
        return details == null ? (has(name) ? null : Map.of()) : PlainJson.object(details.object);
    }

    /** A nested object's fields; null when absent or not an object. */
    JsonFields object(String name, Need need) {
        JsonNode node = present(name, need, "an object");
        if (node == null) {
            return null;
        }
        if (!(node instanceof ObjectNode nested)) {
            reject(name, "must be an object, got " + kindOf(node));
            return null;
        }
        return new JsonFields(nested, path(name), errors);
    }

    /** A list field; null when absent or not a list. */
    ArrayNode list(String name, Need need) {
        JsonNode node = present(name, need, "a list");
        if (node == null) {
            return null;
        }
        if (!(node instanceof ArrayNode list)) {
            reject(name, "must be a list, got " + kindOf(node));
            return null;
        }
        return list;
    }

    /** How many elements a list field has; 0 when absent or not a list (which the list readers report). */
    int listSize(String name) {
        return object.get(name) instanceof ArrayNode list ? list.size() : 0;
    }

    /**
     * Reads each object of a list field with {@code read}, whose path is the element's ({@code alerts[3]}), and
     * returns what it gave that is not null, in order. An element that is not an object is an error in its place,
     * so a body's errors come in the body's order.
     */
    <T> List<T> eachObject(String name, Need need, Function<JsonFields, T> read) {
        ArrayNode list = list(name, need);
        if (list == null) {
            return List.of();
        }
        List<T> results = new ArrayList<>(list.size());
        String listPath = path(name);
        for (int i = 0; i < list.size(); i++) {
            String elementPath = listPath + "[" + i + "]";
            if (list.get(i) instanceof ObjectNode element) {
                T result = read.apply(new JsonFields(element, elementPath, errors));
                if (result != null) {
                    results.add(result);
                }
            } else {
                errors.add(new FieldError(
                        elementPath, "'" + elementPath + "' must be an object, got " + kindOf(list.get(i))));
            }
        }
        return results;
    }

    /**
     * A list of links: objects with a required {@code urlField} and an optional {@code textField}. Events API v2
     * {@code links} are {@code href}/{@code text}; {@code images} are {@code src}/{@code alt}.
     */
    List<Signal.Link> links(String name, String urlField, String textField) {
        return List.copyOf(eachObject(name, Need.OPTIONAL, link -> {
            String url = link.string(urlField, Need.REQUIRED);
            String text = link.string(textField, Need.OPTIONAL);
            return url == null ? null : new Signal.Link(url, text);
        }));
    }

    /** Records an error for each field not in {@code known}, for forms of our own where a typo is a mistake. */
    void onlyFields(Collection<String> known, String what) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!known.contains(field.getKey())) {
                reject(field.getKey(), "is not a field of " + what + "; the fields are " + String.join(", ", known));
            }
        }
    }

    /** How a value is described in an error: what came, without quoting what may be a secret. */
    static String kindOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> node.booleanValue() ? "true" : "false";
            case NULL -> "null";
            case BINARY, MISSING, POJO -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private JsonNode present(String name, Need need, String expected) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            if (need == Need.REQUIRED) {
                reject(name, "is missing; expected " + expected);
            }
            return null;
        }
        return node;
    }

    /** A sender's text in an error: JSON-quoted and cut short, so a huge or odd value cannot flood the answer. */
    static String quoted(String text) {
        String shown = text.length() <= 64 ? text : text.substring(0, 64) + "…";
        StringBuilder quoted = new StringBuilder("\"");
        shown.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                quoted.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f) {
                quoted.append(String.format("\\u%04x", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        return quoted.append('"').toString();
    }
}
