package dev.firewatch.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.firewatch.intake.WebhookSignature.Algorithm;
import dev.firewatch.intake.WebhookSignature.Encoding;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signatures as senders make them. The vectors are GitHub's documented example (secret "It's a Secret to
 * Everybody", body "Hello, World!") and the same HMACs computed with {@code openssl dgst -hmac}, not with our code.
 */
class WebhookSignatureTest {
    static final String SECRET = "It's a Secret to Everybody";
    static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    static final String SHA256_HEX = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    static WebhookSignature github() {
        return new WebhookSignature("X-Hub-Signature-256", SECRET, Algorithm.SHA256, Encoding.HEX, "sha256=");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptsTheSignatureTheSenderMade(String sentence, WebhookSignature signature, String header) {
        assertThat(signature.refusal(header, BODY)).isEmpty();
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                arguments("GitHub's documented example", github(), "sha256=" + SHA256_HEX),
                arguments("hex in capitals", github(), "sha256=" + SHA256_HEX.toUpperCase(java.util.Locale.ROOT)),
                arguments("with spaces around the value", github(), "  sha256=" + SHA256_HEX + " "),
                arguments(
                        "without a prefix, as Sentry sends it",
                        new WebhookSignature("Sentry-Hook-Signature", SECRET, Algorithm.SHA256, Encoding.HEX, ""),
                        SHA256_HEX),
                arguments(
                        "HMAC-SHA1, as GitHub's older header",
                        new WebhookSignature("X-Hub-Signature", SECRET, Algorithm.SHA1, Encoding.HEX, "sha1="),
                        "sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59"),
                arguments(
                        "HMAC-SHA512",
                        new WebhookSignature("X-Signature", SECRET, Algorithm.SHA512, Encoding.HEX, ""),
                        "11ed355a617e98134e842012a7944ccf59c10256cb182357bd7e3a42013ff07c376f8c14cf5cc1923da20b51d64256"
                                + "b2fb8ebbf100aa67a61326f61fea8111bc"),
                arguments(
                        "base64, as Shopify sends it",
                        new WebhookSignature("X-Shopify-Hmac-Sha256", SECRET, Algorithm.SHA256, Encoding.BASE64, ""),
                        "dXEH6g6yUJ/CESIczphLijdXC211hsIsRvQ3nIsEPhc="));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWithAReasonThatNamesTheHeaderAndAlgorithmButNotTheSecret(
            String sentence, WebhookSignature signature, String header, byte[] body, String reason) {
        Optional<String> refusal = signature.refusal(header, body);

        assertThat(refusal).contains(reason);
        assertThat(refusal.orElseThrow()).doesNotContain(SECRET).doesNotContain(SHA256_HEX);
    }

    static Stream<Arguments> refused() {
        String mismatch = "the X-Hub-Signature-256 header does not match the HMAC-SHA256 of the body; check that the"
                + " sender and signature.secret hold the same secret, and that nothing on the way changes the body";
        return Stream.of(
                arguments(
                        "no header at all",
                        github(),
                        null,
                        BODY,
                        "the X-Hub-Signature-256 header is missing; this webhook accepts only requests signed with an"
                                + " HMAC-SHA256 of the body under the webhook's secret"),
                arguments(
                        "an empty header",
                        github(),
                        "",
                        BODY,
                        "the X-Hub-Signature-256 header is missing; this"
                                + " webhook accepts only requests signed with an HMAC-SHA256 of the body under the webhook's"
                                + " secret"),
                arguments(
                        "the body changed by one character",
                        github(),
                        "sha256=" + SHA256_HEX,
                        "Hello, World?".getBytes(StandardCharsets.UTF_8),
                        mismatch),
                arguments(
                        "signed with another secret",
                        new WebhookSignature(
                                "X-Hub-Signature-256", "another", Algorithm.SHA256, Encoding.HEX, "sha256="),
                        "sha256=" + SHA256_HEX,
                        BODY,
                        mismatch),
                arguments("half a signature", github(), "sha256=" + SHA256_HEX.substring(0, 32), BODY, mismatch),
                arguments(
                        "the prefix left out",
                        github(),
                        SHA256_HEX,
                        BODY,
                        "the X-Hub-Signature-256 header must start with \"sha256=\" followed by an HMAC-SHA256 of the"
                                + " body under the webhook's secret"),
                arguments(
                        "not hex",
                        github(),
                        "sha256=not-hex-at-all",
                        BODY,
                        "the X-Hub-Signature-256 header is not hex after \"sha256=\"; expected an HMAC-SHA256 of the"
                                + " body under the webhook's secret in hex"),
                arguments(
                        "the right HMAC computed with SHA-1 instead",
                        github(),
                        "sha256=01dc10d0c83e72ed246219cdd91669667fe2ca59",
                        BODY,
                        mismatch));
    }

    @Test
    void neverPrintsTheSecret() {
        assertThat(github().toString()).doesNotContain(SECRET).contains("X-Hub-Signature-256", "sha256");
    }
}
