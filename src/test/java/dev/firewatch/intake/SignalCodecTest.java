package dev.firewatch.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Journal rows outlive a release: the codec writes exactly what Jackson's data binding wrote for the signal
 * records, and reads such rows back into the same values. The reference below is data binding configured as the
 * codec was before it wrote field by field.
 */
class SignalCodecTest {
    private final SignalCodec codec = new SignalCodec();
    private final ObjectMapper dataBinding = dataBinding();

    static Stream<Arguments> signals() {
        Instant at = Instant.parse("2026-11-23T03:14:15.926Z");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("free_percent", 3.5);
        details.put("count", 3);
        details.put("large", 12_345_678_901L);
        details.put("huge", new BigInteger("123456789012345678901234567890"));
        details.put("decimal", new BigDecimal("1.50"));
        details.put("single", 1.25f);
        details.put("none", null);
        details.put("flag", true);
        details.put("list", Arrays.asList(1, "two", false, null, List.of(3.0)));
        details.put("nested", Map.of("mount", "/var"));
        details.put("text", "quote \" backslash \\ control \u0001 slash / line separator \u2028 é 🔥");
        details.put("controls", "\b\t\n\f\r\u0000\u001f\u007f\u0080 end");
        details.put("lone surrogate", "\ud83d then text");
        details.put("not finite", Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY));
        details.put("doubles", List.of(-0.0, 1e-7, 1e21, 123456.789, Double.MIN_VALUE, Float.MAX_VALUE));
        details.put("negative", List.of(-1, Long.MIN_VALUE, new BigDecimal("-1E+3")));
        details.put("linked", new java.util.LinkedList<>(List.of("a", "b")));
        details.put("escaped \"key\"\n", "value");
        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("when", at);
        odd.put("set", new LinkedHashSet<>(List.of("a", "b")));
        odd.put("severity", Severity.ERROR);
        odd.put("numbered", Map.of(1, "one"));
        odd.put("array", new int[] {1, 2});
        return Stream.of(
                Arguments.of(
                        "an Events API trigger with every field",
                        new Signal.Trigger(
                                "demo-key",
                                "disk-full",
                                new TreeMap<>(Map.of("source", "host-1", "class", "capacity")),
                                at,
                                Signal.Source.EVENTS_V2,
                                "Disk almost full",
                                Severity.CRITICAL,
                                "host-1",
                                "disk",
                                "storage",
                                "capacity",
                                Map.of(),
                                details,
                                List.of(new Signal.Link("https://example.com", "dashboard")),
                                List.of(new Signal.Link("https://example.com/i.png", null)),
                                "monitoring",
                                "https://monitoring.example.com",
                                null)),
                Arguments.of(
                        "an Alertmanager trigger with nulls where it has nothing",
                        new Signal.Trigger(
                                "demo-key",
                                null,
                                new TreeMap<>(Map.of("alertname", "LatencyHigh", "instance", "api-1")),
                                at,
                                Signal.Source.ALERTMANAGER,
                                "p99 above 500 ms",
                                Severity.WARNING,
                                "api-1",
                                null,
                                null,
                                null,
                                new TreeMap<>(Map.of("summary", "p99 above 500 ms")),
                                Map.of("receiver", "firewatch"),
                                List.of(),
                                List.of(),
                                "Alertmanager",
                                null,
                                "http://prometheus:9090/graph")),
                Arguments.of(
                        "a trigger of our own with details that are not plain JSON values",
                        new Signal.Trigger(
                                "probe-key",
                                "probe:api",
                                Map.of(),
                                at,
                                Signal.Source.PROBE,
                                "api is down",
                                Severity.ERROR,
                                null,
                                null,
                                null,
                                null,
                                Map.of(),
                                odd,
                                List.of(),
                                List.of(),
                                null,
                                null,
                                null)),
                Arguments.of(
                        "a trigger with null collections",
                        new Signal.Trigger(
                                "k", "d", null, null, null, null, null, null, null, null, null, null, null, null, null,
                                null, null, null)),
                Arguments.of(
                        "an acknowledge",
                        new Signal.Acknowledge("demo-key", "disk-full", Map.of(), at, Signal.Source.EVENTS_V2)),
                Arguments.of(
                        "a resolve by labels",
                        new Signal.Resolve(
                                "demo-key",
                                null,
                                new TreeMap<>(Map.of("alertname", "LatencyHigh")),
                                at,
                                Signal.Source.ALERTMANAGER)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signals")
    void writesWhatDataBindingWrote(String description, Signal signal) throws IOException {
        assertThat(codec.encode(signal)).isEqualTo(dataBinding.writeValueAsString(signal));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signals")
    void readsRowsIntoWhatDataBindingRead(String description, Signal signal) throws IOException {
        String row = dataBinding.writeValueAsString(signal);
        Signal read = codec.decode(row);
        Signal expected = dataBinding.readValue(row, Signal.class);
        assertThat(read).isEqualTo(expected);
        assertThat(shapeOf(read)).isEqualTo(shapeOf(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signals")
    void readsFieldsInAnyOrder(String description, Signal signal) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = dataBinding.readValue(codec.encode(signal), LinkedHashMap.class);
        List<String> names = new ArrayList<>(fields.keySet());
        java.util.Collections.reverse(names);
        Map<String, Object> reversed = new LinkedHashMap<>();
        names.forEach(name -> reversed.put(name, fields.get(name)));
        assertThat(codec.decode(dataBinding.writeValueAsString(reversed)))
                .isEqualTo(codec.decode(codec.encode(signal)));
    }

    /** Strings of every kind of character, with a fixed seed, written as data binding writes them. */
    @org.junit.jupiter.api.Test
    void writesAnyTextAsDataBindingWrote() throws IOException {
        java.util.Random random = new java.util.Random(20261207);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int c = 0; c < length; c++) {
                text.append((char)
                        switch (random.nextInt(4)) {
                            case 0 -> random.nextInt(0x80);
                            case 1 -> random.nextInt(0x20);
                            case 2 -> random.nextInt(0x10000);
                            default -> "\"\\/".charAt(random.nextInt(3));
                        });
            }
            Signal signal = new Signal.Resolve(
                    text.toString(), null, Map.of(text.toString(), text.toString()), null, Signal.Source.NATIVE);
            assertThat(codec.encode(signal)).isEqualTo(dataBinding.writeValueAsString(signal));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRows")
    void refusesRowsItCannotRead(String description, String row) {
        assertThatThrownBy(() -> codec.decode(row))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("a journal row cannot be read back");
    }

    static Stream<Arguments> brokenRows() {
        return Stream.of(
                Arguments.of("not JSON", "{\"kind\":"),
                Arguments.of("not an object", "[]"),
                Arguments.of("no kind", "{\"integrationKey\":\"k\"}"),
                Arguments.of("an unknown kind", "{\"kind\":\"snooze\"}"),
                Arguments.of("an unknown severity", "{\"kind\":\"trigger\",\"severity\":\"loud\"}"),
                Arguments.of("an unknown source", "{\"kind\":\"resolve\",\"source\":\"CARRIER_PIGEON\"}"));
    }

    /** The classes of every value inside, so a Long read as an Integer or a list read as a map would show. */
    private static String shapeOf(Object value) {
        return switch (value) {
            case null -> "null";
            case Map<?, ?> map ->
                map.getClass().getSimpleName()
                        + map.entrySet().stream()
                                .map(e -> e.getKey() + "=" + shapeOf(e.getValue()))
                                .toList();
            case List<?> list ->
                list.getClass().getSimpleName()
                        + list.stream().map(SignalCodecTest::shapeOf).toList();
            case Signal.Trigger t ->
                "Trigger"
                        + Stream.of(t.labels(), t.annotations(), t.details(), t.links(), t.images())
                                .map(SignalCodecTest::shapeOf)
                                .toList();
            default -> value.getClass().getSimpleName();
        };
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Signal.Trigger.class, name = "trigger"),
        @JsonSubTypes.Type(value = Signal.Acknowledge.class, name = "acknowledge"),
        @JsonSubTypes.Type(value = Signal.Resolve.class, name = "resolve")
    })
    private interface SignalKinds {}

    private static ObjectMapper dataBinding() {
        SimpleModule times = new SimpleModule("journal-times");
        times.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeNumber(value.toEpochMilli());
            }
        });
        times.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return Instant.ofEpochMilli(parser.getLongValue());
            }
        });
        return new ObjectMapper().registerModule(times).addMixIn(Signal.class, SignalKinds.class);
    }
}
