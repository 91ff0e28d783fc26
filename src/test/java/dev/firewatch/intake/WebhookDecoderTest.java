package dev.firewatch.intake;

import static dev.firewatch.intake.WholeBodyTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.alert.Fingerprint;
import dev.firewatch.alert.Severity;
import dev.firewatch.alert.Signal;
import dev.firewatch.config.ConfigLoader;
import dev.firewatch.config.ConfigResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bodies from senders that speak nothing standard, read by the webhooks of {@code intake/webhook/firewatch.yaml}
 * (a body's file name starts with its webhook's name), and the answers they get.
 */
class WebhookDecoderTest {
    static final String FOLDER = "webhook";
    static final List<WebhookSpec> WEBHOOKS = loadWebhooks();
    final WebhookDecoder decoder = new WebhookDecoder();

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void readsEachGoldenBodyToItsSignalAndAnswer(String sentence, String name) throws IOException {
        WebhookSpec webhook = named(name.substring(0, name.indexOf('.')));
        WebhookOutcome outcome = decoder.decode(
                webhook,
                GoldenFiles.request(FOLDER, name),
                "integration-key-of-" + webhook.service(),
                GoldenFiles.RECEIVED_AT);
        WebhookResponses.Body answer = WebhookResponses.answer(outcome, webhook.service(), false);

        ObjectMapper plain = new ObjectMapper();
        Map<String, Object> expected = new LinkedHashMap<>(describe(outcome));
        expected.put("http_status", answer.httpStatus());
        expected.put("response", plain.readTree(plain.writeValueAsBytes(answer)));
        GoldenFiles.check(FOLDER, name, expected);
    }

    static Stream<Arguments> goldens() {
        return GoldenFiles.requests(FOLDER).map(name -> arguments(name.replace('-', ' '), name));
    }

    static Map<String, Object> describe(WebhookOutcome outcome) {
        return switch (outcome) {
            case WebhookOutcome.Mapped mapped ->
                Map.of(
                        "mapped",
                        Map.of(
                                "signal", GoldenFiles.describe(mapped.signal()),
                                "identity", mapped.identity(),
                                "notes", mapped.notes()));
            case WebhookOutcome.Ignored ignored -> Map.of("ignored", ignored.reason());
            case WebhookOutcome.Rejected rejected -> Map.of("rejected", rejected.errors());
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaults")
    void fallsBackToDefaultsRatherThanLosingTheAlert(
            String sentence, String rules, String body, Severity severity, String dedupKey) {
        Signal.Trigger trigger = (Signal.Trigger)
                mapped(webhook("summary: Something happened\n" + rules), body).signal();

        assertThat(trigger.severity()).isEqualTo(severity);
        assertThat(trigger.dedupKey()).isEqualTo(dedupKey);
    }

    static Stream<Arguments> defaults() {
        return Stream.of(
                arguments("no severity rule: error", "", "{}", Severity.ERROR, null),
                arguments("no severity rule but a default", "default_severity: info", "{}", Severity.INFO, null),
                arguments(
                        "a severity that is one of our names, in any case, needs no map",
                        "severity: $.level",
                        "{\"level\": \"Warning\"}",
                        Severity.WARNING,
                        null),
                arguments(
                        "the map wins over our own names",
                        "severity: $.level\nseverity_map: {info: critical}",
                        "{\"level\": \"info\"}",
                        Severity.CRITICAL,
                        null),
                arguments(
                        "a number as severity, mapped",
                        "severity: $.priority\nseverity_map: {1: critical}",
                        "{\"priority\": 1}",
                        Severity.CRITICAL,
                        null),
                arguments(
                        "a severity nobody knows: the default",
                        "severity: $.level\ndefault_severity: warning",
                        "{\"level\": \"debug\"}",
                        Severity.WARNING,
                        null),
                arguments("a dedup key that is a number", "dedup_key: $.id", "{\"id\": 4021}", Severity.ERROR, "4021"),
                arguments(
                        "a dedup key over 255 characters becomes its SHA-256, the same every time",
                        "dedup_key: $.id",
                        "{\"id\": \"" + "x".repeat(300) + "\"}",
                        Severity.ERROR,
                        "sha256:0d4e2ca9e9cbced7a7a5380eb29e1a3783b9b6d0db72de36a1051038e1c1fbc7"));
    }

    @Test
    void withoutADedupKeyTheIdentityIsTheFingerprintOfTheLabelsWithTheWebhooksName() {
        WebhookSpec payments = webhook("name: payments\nsummary: Payment failed\nlabels: {account: $.account}");

        WebhookOutcome.Mapped mapped = mapped(payments, "{\"account\": \"acme\", \"amount\": 12}");

        assertThat(mapped.signal().dedupKey()).isNull();
        assertThat(mapped.signal().labels())
                .containsExactly(Map.entry("account", "acme"), Map.entry("webhook", "payments"));
        assertThat(mapped.identity()).isEqualTo(Fingerprint.of(Map.of("account", "acme", "webhook", "payments")));
        assertThat(mapped.notes()).isEmpty();
    }

    @Test
    void keepsTheBodyInTheDetailsOnlyUpToItsLimit() {
        WebhookSpec webhook = webhook("summary: $.title");
        String small = "{\"title\": \"x\"}";
        String big = "{\"title\": \"" + "x".repeat(WebhookDecoder.BODY_KEPT) + "\"}";

        assertThat(((Signal.Trigger) mapped(webhook, small).signal()).details())
                .containsEntry("body", Map.of("title", "x"));
        assertThat(((Signal.Trigger) mapped(webhook, big).signal()).details())
                .doesNotContainKey("body")
                .containsEntry("body_not_kept", "the body was 16397 bytes; bodies up to 16384 bytes are kept");
    }

    @Test
    void neverThrowsOnRandomBytesOrOnGoldenBodiesCutShort() {
        Random random = new Random(20261123);
        List<byte[]> goldens = GoldenFiles.requests(FOLDER)
                .map(name -> GoldenFiles.request(FOLDER, name))
                .toList();
        for (int i = 0; i < 3_000; i++) {
            byte[] body;
            if (i % 2 == 0) {
                body = new byte[random.nextInt(200)];
                random.nextBytes(body);
            } else {
                byte[] golden = goldens.get(i % goldens.size());
                body = java.util.Arrays.copyOf(golden, random.nextInt(golden.length + 1));
            }
            for (WebhookSpec webhook : WEBHOOKS) {
                assertThat(decoder.decode(webhook, body, "k", GoldenFiles.RECEIVED_AT))
                        .as("outcome of body %d", i)
                        .isNotNull();
            }
        }
    }

    private WebhookOutcome.Mapped mapped(WebhookSpec webhook, String body) {
        WebhookOutcome outcome = decoder.decode(webhook, utf8(body), "k", GoldenFiles.RECEIVED_AT);
        assertThat(outcome).isInstanceOf(WebhookOutcome.Mapped.class);
        return (WebhookOutcome.Mapped) outcome;
    }

    /** The one webhook of a config that declares it with {@code rules}, one per line, as a user writes them. */
    private static WebhookSpec webhook(String rules) {
        String yaml = """
                services:
                  - name: shop
                    integration_key: shop-key
                    webhooks:
                      - key: hook-key
                """ + rules.indent(8);
        return switch (new ConfigLoader(Map.of()).parse(yaml, Path.of("firewatch.yaml"))) {
            case ConfigResult.Loaded loaded -> loaded.config().webhooks().getFirst();
            case ConfigResult.Invalid invalid -> throw new AssertionError("invalid: " + invalid.errors());
        };
    }

    private static WebhookSpec named(String name) {
        return WEBHOOKS.stream()
                .filter(w -> w.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no webhook " + name + " in " + FOLDER + "/firewatch.yaml"));
    }

    private static List<WebhookSpec> loadWebhooks() {
        try {
            Path file = Path.of(WebhookDecoderTest.class
                    .getResource("/intake/webhook/firewatch.yaml")
                    .toURI());
            return switch (new ConfigLoader(Map.of()).load(file)) {
                case ConfigResult.Loaded loaded -> loaded.config().webhooks();
                case ConfigResult.Invalid invalid -> throw new AssertionError("invalid: " + invalid.errors());
            };
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
