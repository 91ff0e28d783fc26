package dev.firewatch.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.firewatch.alert.Severity;
import dev.firewatch.alert.Signal;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link Signal} is written into the journal: JSON with a {@code kind} and times as epoch milliseconds.
 * The format is internal, but rows outlive a release, so fields are only ever added.
 *
 * <p>The format is the one Jackson's data binding wrote for the records (their component names, in their order,
 * nulls written out), but rows are written here straight into text and read with Jackson's streaming parser:
 * every event is encoded once on its request's thread and decoded once by the journal consumer. Data binding's
 * reflection and polymorphic dispatch were a quarter of the request thread's CPU in the batch intake profile,
 * and after it Jackson's generator, copying every string through a buffer of chars, was still half of it.
 * {@code SignalCodecTest} holds the encoding to what data binding writes, byte for byte, and reads its rows back.
 */
public final class SignalCodec {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** For reading rows; buffers from a pool shared by all threads, like the request threads' parsers. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
            .build();

    /**
     * For the rare detail value that is none of the JSON-shaped types (a source of our own may put any object in
     * details): data binding, configured as the journal always was, writes it as before.
     */
    private final ObjectMapper otherValues;

    public SignalCodec() {
        SimpleModule times = new SimpleModule("journal-times");
        times.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeNumber(value.toEpochMilli());
            }
        });
        this.otherValues = new ObjectMapper().registerModule(times);
    }

    public String encode(Signal signal) {
        StringBuilder json = new StringBuilder(1024);
        switch (signal) {
            case Signal.Trigger trigger -> {
                common(json, "trigger", signal);
                field(json, "summary");
                string(json, trigger.summary());
                field(json, "severity");
                string(
                        json,
                        trigger.severity() == null ? null : trigger.severity().wireName());
                field(json, "sourceName");
                string(json, trigger.sourceName());
                field(json, "component");
                string(json, trigger.component());
                field(json, "group");
                string(json, trigger.group());
                field(json, "className");
                string(json, trigger.className());
                field(json, "annotations");
                value(json, trigger.annotations());
                field(json, "details");
                value(json, trigger.details());
                field(json, "links");
                links(json, trigger.links());
                field(json, "images");
                links(json, trigger.images());
                field(json, "client");
                string(json, trigger.client());
                field(json, "clientUrl");
                string(json, trigger.clientUrl());
                field(json, "generatorUrl");
                string(json, trigger.generatorUrl());
            }
            case Signal.Acknowledge acknowledge -> common(json, "acknowledge", signal);
            case Signal.Resolve resolve -> common(json, "resolve", signal);
        }
        return json.append('}').toString();
    }

    /** The fields every kind has, in the records' order; opens the object. */
    private void common(StringBuilder json, String kind, Signal signal) {
        json.append("{\"kind\":");
        string(json, kind);
        field(json, "integrationKey");
        string(json, signal.integrationKey());
        field(json, "dedupKey");
        string(json, signal.dedupKey());
        field(json, "labels");
        value(json, signal.labels());
        field(json, "at");
        if (signal.at() == null) {
            json.append("null");
        } else {
            json.append(signal.at().toEpochMilli());
        }
        field(json, "source");
        string(json, signal.source() == null ? null : signal.source().name());
    }

    /** Starts a field after the first; the names are ours and plain, so they need no escaping. */
    private static void field(StringBuilder json, String name) {
        json.append(",\"").append(name).append("\":");
    }

    private static void links(StringBuilder json, List<Signal.Link> links) {
        if (links == null) {
            json.append("null");
            return;
        }
        json.append('[');
        for (int i = 0; i < links.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            Signal.Link link = links.get(i);
            if (link == null) {
                json.append("null");
                continue;
            }
            json.append("{\"href\":");
            string(json, link.href());
            json.append(",\"text\":");
            string(json, link.text());
            json.append('}');
        }
        json.append(']');
    }

    /** A label, annotation or detail value, written as data binding writes it. */
    private void value(StringBuilder json, Object value) {
        switch (value) {
            case null -> json.append("null");
            case String text -> string(json, text);
            case Boolean flag -> json.append(flag.booleanValue());
            case Integer number -> json.append(number.intValue());
            case Long number -> json.append(number.longValue());
            case BigInteger number -> json.append(number);
            case BigDecimal number -> json.append(number);
            // Jackson quotes what is not a finite number, as it does by default.
            case Double number -> {
                if (number.isNaN() || number.isInfinite()) {
                    string(json, number.toString());
                } else {
                    json.append(number.doubleValue());
                }
            }
            case Float number -> {
                if (number.isNaN() || number.isInfinite()) {
                    string(json, number.toString());
                } else {
                    json.append(number.floatValue());
                }
            }
            case Map<?, ?> map
            when namedByText(map) -> {
                json.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!first) {
                        json.append(',');
                    }
                    first = false;
                    string(json, (String) entry.getKey());
                    json.append(':');
                    value(json, entry.getValue());
                }
                json.append('}');
            }
            case List<?> list -> {
                json.append('[');
                boolean first = true;
                for (Object element : list) {
                    if (!first) {
                        json.append(',');
                    }
                    first = false;
                    value(json, element);
                }
                json.append(']');
            }
            default -> {
                try {
                    json.append(otherValues.writeValueAsString(value));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(
                            "cannot write a signal to the journal: " + e.getOriginalMessage(), e);
                }
            }
        }
    }

    /**
     * A JSON string, or null, escaped as Jackson's generator escapes by default: quote, backslash and control
     * characters only (backspace, tab, newline, form feed and carriage return by their letters, the others as six
     * characters with upper-case hex digits), everything else as it is. Runs without escapes are copied whole,
     * which keeps the text in one byte per character (Java's compact strings) from the signal's strings to the
     * row's.
     */
    private static void string(StringBuilder json, String text) {
        if (text == null) {
            json.append("null");
            return;
        }
        json.append('"');
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            json.append(text, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\t' -> json.append("\\t");
                case '\n' -> json.append("\\n");
                case '\f' -> json.append("\\f");
                case '\r' -> json.append("\\r");
                default -> json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        json.append(text, run, text.length()).append('"');
    }

    /** Maps keyed by anything but text are rare enough to leave to data binding, which names them its own way. */
    private static boolean namedByText(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    public Signal decode(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, "a signal");
            return read(parser);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("a journal row cannot be read back: " + e.getMessage(), e);
        }
    }

    /** The fields of one signal object, in any order; a field this version does not know is skipped. */
    private static Signal read(JsonParser parser) throws IOException {
        String kind = null;
        String integrationKey = null;
        String dedupKey = null;
        Map<String, String> labels = null;
        Instant at = null;
        Signal.Source source = null;
        String summary = null;
        Severity severity = null;
        String sourceName = null;
        String component = null;
        String group = null;
        String className = null;
        Map<String, String> annotations = null;
        Map<String, Object> details = null;
        List<Signal.Link> links = null;
        List<Signal.Link> images = null;
        String client = null;
        String clientUrl = null;
        String generatorUrl = null;
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            switch (name) {
                case "kind" -> kind = text(parser, token);
                case "integrationKey" -> integrationKey = text(parser, token);
                case "dedupKey" -> dedupKey = text(parser, token);
                case "labels" -> labels = strings(parser, token);
                case "at" -> at = token == JsonToken.VALUE_NULL ? null : Instant.ofEpochMilli(parser.getLongValue());
                case "source" -> {
                    String text = text(parser, token);
                    source = text == null ? null : Signal.Source.valueOf(text);
                }
                case "summary" -> summary = text(parser, token);
                case "severity" -> severity = severity(text(parser, token));
                case "sourceName" -> sourceName = text(parser, token);
                case "component" -> component = text(parser, token);
                case "group" -> group = text(parser, token);
                case "className" -> className = text(parser, token);
                case "annotations" -> annotations = strings(parser, token);
                case "details" -> details = object(parser, token);
                case "links" -> links = links(parser, token);
                case "images" -> images = links(parser, token);
                case "client" -> client = text(parser, token);
                case "clientUrl" -> clientUrl = text(parser, token);
                case "generatorUrl" -> generatorUrl = text(parser, token);
                default -> parser.skipChildren();
            }
        }
        if (kind == null) {
            throw new IllegalArgumentException("the signal has no kind");
        }
        return switch (kind) {
            case "trigger" ->
                new Signal.Trigger(
                        integrationKey,
                        dedupKey,
                        labels,
                        at,
                        source,
                        summary,
                        severity,
                        sourceName,
                        component,
                        group,
                        className,
                        annotations,
                        details,
                        links,
                        images,
                        client,
                        clientUrl,
                        generatorUrl);
            case "acknowledge" -> new Signal.Acknowledge(integrationKey, dedupKey, labels, at, source);
            case "resolve" -> new Signal.Resolve(integrationKey, dedupKey, labels, at, source);
            default -> throw new IllegalArgumentException("unknown signal kind \"" + kind + "\"");
        };
    }

    private static Severity severity(String wireName) {
        if (wireName == null) {
            return null;
        }
        return Severity.parse(wireName)
                .orElseThrow(() -> new IllegalArgumentException("unknown severity \"" + wireName + "\""));
    }

    private static String text(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!token.isScalarValue()) {
            throw new IllegalArgumentException("expected text at " + parser.currentName() + ", got " + token);
        }
        return parser.getText();
    }

    private static Map<String, String> strings(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token, JsonToken.START_OBJECT, "an object of strings");
        Map<String, String> strings = new LinkedHashMap<>();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            strings.put(name, text(parser, parser.nextToken()));
        }
        return strings;
    }

    private static List<Signal.Link> links(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token, JsonToken.START_ARRAY, "a list of links");
        List<Signal.Link> links = new ArrayList<>();
        for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
            if (element == JsonToken.VALUE_NULL) {
                links.add(null);
                continue;
            }
            expect(element, JsonToken.START_OBJECT, "a link");
            String href = null;
            String text = null;
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "href" -> href = text(parser, value);
                    case "text" -> text = text(parser, value);
                    default -> parser.skipChildren();
                }
            }
            links.add(new Signal.Link(href, text));
        }
        return links;
    }

    /** Free-form details, read into the types data binding gave them: maps, lists, strings, numbers, booleans. */
    private static Map<String, Object> object(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token, JsonToken.START_OBJECT, "an object");
        Map<String, Object> object = new LinkedHashMap<>();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            object.put(name, value(parser, parser.nextToken()));
        }
        return object;
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(parser, token);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken element = parser.nextToken();
                        element != JsonToken.END_ARRAY;
                        element = parser.nextToken()) {
                    list.add(value(parser, element));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("unexpected " + token + " in details");
        };
    }

    private static void expect(JsonToken token, JsonToken expected, String what) {
        if (token != expected) {
            throw new IllegalArgumentException("expected " + what + ", got " + token);
        }
    }
}
