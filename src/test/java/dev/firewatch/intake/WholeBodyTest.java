package dev.firewatch.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A body that is not a JSON object at all gets one error about the whole body (field null) from every decoder,
 * and no input, however broken or hostile, makes a decoder throw.
 */
class WholeBodyTest {

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("broken")
    void refusesABodyThatIsNotOneJsonObjectWithOneWholeBodyError(
            String sentence, EveryDecoder decoder, byte[] body, String expected) {
        List<FieldError> errors = decoder.errors(body);

        assertThat(errors).hasSize(1);
        assertThat(errors.getFirst().field()).isNull();
        assertThat(errors.getFirst().message()).contains(expected);
    }

    static Stream<Arguments> broken() {
        List<Arguments> bodies = List.of(
                arguments("an empty body", new byte[0], "the body is empty; expected a JSON object"),
                arguments("a body of spaces and newlines", utf8(" \n\t "), "the body is empty"),
                arguments("no body at all (null)", null, "the body is empty"),
                arguments("form encoding instead of JSON", utf8("summary=disk+full"), "is not valid JSON at line 1"),
                arguments(
                        "an object cut off in the middle",
                        utf8("{\"routing_key\": \"k\", \"payload\": {"),
                        "is not valid JSON"),
                arguments("an object followed by more text", utf8("{} {}"), "is not valid JSON"),
                arguments("single quotes", utf8("{'summary': 'x'}"), "is not valid JSON"),
                arguments(
                        "a JSON array at the top",
                        utf8("[{\"summary\": \"x\"}]"),
                        "the body must be a JSON object ({...}), got a list at the top"),
                arguments("a JSON string at the top", utf8("\"trigger\""), "got a string at the top"),
                arguments("a JSON number at the top", utf8("42"), "got a number at the top"),
                arguments("JSON null", utf8("null"), "got null at the top"),
                arguments(
                        "arrays nested 10,000 deep",
                        utf8("[".repeat(10_000) + "]".repeat(10_000)),
                        "the body nests objects and arrays more than 100 levels deep; flatten it"),
                arguments(
                        "objects nested 10,000 deep inside a field",
                        utf8("{\"payload\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_001)),
                        "more than 100 levels deep"),
                arguments(
                        "a number with 5,000 digits",
                        utf8("{\"truncatedAlerts\": " + "9".repeat(5_000) + "}"),
                        "the body is beyond what intake reads"),
                arguments(
                        "a byte that is never valid in UTF-8",
                        bytes(utf8("{\"summary\": \""), new byte[] {(byte) 0xff}, utf8("\"}")),
                        "the body is not UTF-8: byte 13 (0xff) does not start or continue a UTF-8 character"),
                arguments(
                        "Latin-1 text sent as if it were UTF-8",
                        "{\"summary\": \"café\"}".getBytes(StandardCharsets.ISO_8859_1),
                        "the body is not UTF-8: byte 16 (0xe9)"),
                arguments(
                        "a UTF-8 character cut off at the end",
                        bytes(utf8("{\"a\": \"é"), new byte[] {(byte) 0xe2, (byte) 0x82}),
                        "the body is not UTF-8"),
                arguments(
                        "UTF-16 with a byte order mark",
                        "{\"summary\": \"x\"}".getBytes(StandardCharsets.UTF_16),
                        "the body is not UTF-8: byte 0 (0xfe)"),
                arguments(
                        "UTF-16 without a byte order mark, which Jackson alone would guess and read",
                        "{\"summary\": \"x\"}".getBytes(StandardCharsets.UTF_16LE),
                        "is not valid JSON"),
                arguments("a raw NUL byte", utf8("{\"a\": \"x\u0000y\"}"), "is not valid JSON"));
        return bodies.stream().flatMap(body -> Arrays.stream(EveryDecoder.values())
                .map(decoder -> arguments(body.get()[0], decoder, body.get()[1], body.get()[2])));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EveryDecoder.class)
    void neverThrowsOnRandomBytesOrOnGoldenBodiesCutAndScrambled(EveryDecoder decoder) {
        Random random = new Random(20261123);
        List<byte[]> goldens = Stream.of("events-v2", "change-events", "alertmanager", "native")
                .flatMap(folder -> GoldenFiles.requests(folder).map(name -> GoldenFiles.request(folder, name)))
                .toList();
        for (int i = 0; i < 3_000; i++) {
            byte[] body = i % 3 == 0 ? randomBytes(random) : scrambled(goldens.get(i % goldens.size()), random);
            assertThat(decoder.errors(body)).as("errors of body %d", i).isNotNull();
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] body = new byte[random.nextInt(200)];
        random.nextBytes(body);
        return body;
    }

    /** A golden body with a few bytes changed, a piece cut out, or cut short: nearly valid, so it gets far. */
    private static byte[] scrambled(byte[] golden, Random random) {
        byte[] body = golden.clone();
        switch (random.nextInt(3)) {
            case 0 -> {
                String swaps = "{}[]\":,0-9tfnull \\e.";
                for (int j = 0; j < 1 + random.nextInt(3); j++) {
                    body[random.nextInt(body.length)] = (byte) swaps.charAt(random.nextInt(swaps.length()));
                }
            }
            case 1 -> {
                int from = random.nextInt(body.length);
                int to = Math.min(body.length, from + random.nextInt(40));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(body, 0, from);
                out.write(body, to, body.length - to);
                body = out.toByteArray();
            }
            default -> body = Arrays.copyOf(body, random.nextInt(body.length));
        }
        return body;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
