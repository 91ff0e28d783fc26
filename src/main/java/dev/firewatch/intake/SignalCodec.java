package dev.firewatch.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.firewatch.alert.Severity;
import dev.firewatch.alert.Signal;
import java.io.IOException;
import java.io.StringWriter;
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
 * nulls written out), but it is written and read here field by field with Jackson's streaming API: every event
 * is encoded once on its request's thread and decoded once by the journal consumer, and data binding's
 * reflection and polymorphic dispatch were a quarter of the request thread's CPU in the batch intake profile.
 * {@code SignalCodecTest} holds the encoding to what data binding writes and reads its rows back.
 */
public final class SignalCodec {
    /**
     * Encoding runs on the request's virtual thread, so the generator's buffers come from a pool shared by all
     * threads rather than Jackson's default per-thread one, which a new virtual thread per request never reuses.
     */
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
        StringWriter text = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            switch (signal) {
                case Signal.Trigger trigger -> {
                    common(json, "trigger", signal);
                    json.writeStringField("summary", trigger.summary());
                    json.writeStringField(
                            "severity",
                            trigger.severity() == null
                                    ? null
                                    : trigger.severity().wireName());
                    json.writeStringField("sourceName", trigger.sourceName());
                    json.writeStringField("component", trigger.component());
                    json.writeStringField("group", trigger.group());
                    json.writeStringField("className", trigger.className());
                    json.writeFieldName("annotations");
                    writeValue(json, trigger.annotations());
                    json.writeFieldName("details");
                    writeValue(json, trigger.details());
                    links(json, "links", trigger.links());
                    links(json, "images", trigger.images());
                    json.writeStringField("client", trigger.client());
                    json.writeStringField("clientUrl", trigger.clientUrl());
                    json.writeStringField("generatorUrl", trigger.generatorUrl());
                }
                case Signal.Acknowledge acknowledge -> common(json, "acknowledge", signal);
                case Signal.Resolve resolve -> common(json, "resolve", signal);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write a signal to the journal: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /** The fields every kind has, in the records' order. */
    private void common(JsonGenerator json, String kind, Signal signal) throws IOException {
        json.writeStringField("kind", kind);
        json.writeStringField("integrationKey", signal.integrationKey());
        json.writeStringField("dedupKey", signal.dedupKey());
        json.writeFieldName("labels");
        writeValue(json, signal.labels());
        json.writeFieldName("at");
        if (signal.at() == null) {
            json.writeNull();
        } else {
            json.writeNumber(signal.at().toEpochMilli());
        }
        json.writeStringField(
                "source", signal.source() == null ? null : signal.source().name());
    }

    private static void links(JsonGenerator json, String name, List<Signal.Link> links) throws IOException {
        json.writeFieldName(name);
        if (links == null) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (Signal.Link link : links) {
            if (link == null) {
                json.writeNull();
                continue;
            }
            json.writeStartObject();
            json.writeStringField("href", link.href());
            json.writeStringField("text", link.text());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** A label, annotation or detail value, written as data binding writes it. */
    private void writeValue(JsonGenerator json, Object value) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case String text -> json.writeString(text);
            case Boolean flag -> json.writeBoolean(flag);
            case Integer number -> json.writeNumber(number);
            case Long number -> json.writeNumber(number);
            case Double number -> json.writeNumber(number);
            case Float number -> json.writeNumber(number);
            case BigInteger number -> json.writeNumber(number);
            case BigDecimal number -> json.writeNumber(number);
            case Map<?, ?> map
            when namedByText(map) -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    json.writeFieldName((String) entry.getKey());
                    writeValue(json, entry.getValue());
                }
                json.writeEndObject();
            }
            case List<?> list -> {
                json.writeStartArray();
                for (Object element : list) {
                    writeValue(json, element);
                }
                json.writeEndArray();
            }
            default -> otherValues.writeValue(json, value);
        }
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
