package dev.firewatch.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.firewatch.alert.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Request bodies under {@code src/test/resources/intake/<decoder>/NAME.json} and, beside each, what decoding it
 * must give in {@code NAME.expected.json}. Compared as text after sorting object keys, so a golden file fails on
 * any difference of value, type or presence, but not on key order.
 *
 * <p>To write the expected files anew after a deliberate change, run the tests with
 * {@code -Dintake.golden.write=true}, then read the diff before committing it.
 */
final class GoldenFiles {
    static final Instant RECEIVED_AT = Instant.parse("2026-11-23T03:14:15.926Z");

    /** Writes records by their components, times as RFC 3339, with sorted keys. */
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(new StdSerializer<>(Instant.class) {
                @Override
                public void serialize(Instant value, JsonGenerator out, SerializerProvider provider)
                        throws IOException {
                    out.writeString(value.toString());
                }
            }))
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private GoldenFiles() {}

    /** The request bodies of one decoder's folder, by name, in name order. */
    static Stream<String> requests(String folder) {
        try (Stream<Path> files = Files.list(resources(folder))) {
            return files
                    .map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.endsWith(".expected.json"))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] request(String folder, String name) {
        try {
            return Files.readAllBytes(resources(folder).resolve(name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks {@code actual} against {@code NAME.expected.json}, or writes that file in write mode. */
    static void check(String folder, String name, Object actual) {
        String canonical = canonical(JSON.valueToTree(actual));
        if (Boolean.getBoolean("intake.golden.write")) {
            write(Path.of("src/test/resources/intake", folder, name + ".expected.json"), canonical);
            return;
        }
        String expected;
        try {
            expected = Files.readString(resources(folder).resolve(name + ".expected.json"));
            expected = canonical(JSON.readTree(expected));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(canonical).as("decoding %s/%s.json", folder, name).isEqualTo(expected);
    }

    /** A decoded outcome as the golden files show it: signals tagged by kind, or the errors. */
    static Map<String, Object> describe(Decoded decoded) {
        return switch (decoded) {
            case Decoded.Accepted accepted ->
                Map.of(
                        "accepted",
                        accepted.signals().stream().map(GoldenFiles::describe).toList());
            case Decoded.Rejected rejected -> Map.of("rejected", rejected.errors());
        };
    }

    static Map<String, Object> describe(Signal signal) {
        String kind =
                switch (signal) {
                    case Signal.Trigger trigger -> "trigger";
                    case Signal.Acknowledge acknowledge -> "acknowledge";
                    case Signal.Resolve resolve -> "resolve";
                };
        return Map.of(kind, signal);
    }

    /** JSON text with every object's keys sorted, the same for equal trees whatever their key order. */
    static String canonical(JsonNode node) {
        try {
            return JSON.writeValueAsString(sorted(node)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                fields.put(field.getKey(), sorted(field.getValue()));
            }
            ObjectNode copy = JSON.createObjectNode();
            fields.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            node.forEach(element -> elements.add(sorted(element)));
            return JSON.createArrayNode().addAll(elements);
        }
        return node;
    }

    private static Path resources(String folder) {
        try {
            return Path.of(GoldenFiles.class.getResource("/intake/" + folder).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
