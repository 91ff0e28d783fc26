package dev.firewatch.intake;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a sender signs its webhooks: an HMAC of the raw body under a shared secret, in a header, optionally after a
 * prefix ({@code X-Hub-Signature-256: sha256=<hex>} as GitHub sends it). Checked on the bytes as they arrived,
 * before anything parses them.
 *
 * <p>Refusals name the header and the algorithm and never the secret or the value that was expected: a caller who
 * could read the expected signature off an error could sign anything.
 */
public record WebhookSignature(String header, String secret, Algorithm algorithm, Encoding encoding, String prefix) {

    public enum Algorithm {
        SHA1("HmacSHA1", "HMAC-SHA1"),
        SHA256("HmacSHA256", "HMAC-SHA256"),
        SHA512("HmacSHA512", "HMAC-SHA512");

        private final String jcaName;
        private final String shown;

        Algorithm(String jcaName, String shown) {
            this.jcaName = jcaName;
            this.shown = shown;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Encoding {
        HEX,
        BASE64;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why the request must be refused with 401, or empty when {@code headerValue} signs {@code body}. */
    public Optional<String> refusal(String headerValue, byte[] body) {
        String what = "an " + algorithm.shown + " of the body under the webhook's secret";
        if (headerValue == null || headerValue.isBlank()) {
            return Optional.of(
                    "the " + header + " header is missing; this webhook accepts only requests signed with " + what);
        }
        String value = headerValue.strip();
        if (!value.startsWith(prefix)) {
            return Optional.of("the " + header + " header must start with \"" + prefix + "\" followed by " + what);
        }
        byte[] given = decode(value.substring(prefix.length()));
        if (given == null) {
            return Optional.of("the " + header + " header is not " + encodingName() + " after \"" + prefix
                    + "\"; expected " + what + " in " + encodingName());
        }
        // Constant time: how long a comparison takes must not tell a caller how much of its guess was right.
        if (!MessageDigest.isEqual(mac(body), given)) {
            return Optional.of("the " + header + " header does not match the " + algorithm.shown
                    + " of the body; check that the sender and signature.secret hold the same secret,"
                    + " and that nothing on the way changes the body");
        }
        return Optional.empty();
    }

    private String encodingName() {
        return encoding == Encoding.HEX ? "hex" : "base64";
    }

    private byte[] decode(String text) {
        try {
            return switch (encoding) {
                case HEX -> HexFormat.of().parseHex(text);
                case BASE64 -> Base64.getDecoder().decode(text);
            };
        } catch (IllegalArgumentException notEncoded) {
            return null;
        }
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm.jcaName));
            return mac.doFinal(body == null ? new byte[0] : body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm.jcaName, e);
        }
    }

    /** Without the secret: records print every component, and specs end up in logs and test failures. */
    @Override
    public String toString() {
        return "WebhookSignature[header=" + header + ", algorithm=" + algorithm.wireName() + ", encoding="
                + encoding.wireName() + ", prefix=" + prefix + "]";
    }
}
