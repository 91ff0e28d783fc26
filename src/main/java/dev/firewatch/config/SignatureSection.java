package dev.firewatch.config;

import dev.firewatch.intake.WebhookSignature;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A webhook's {@code signature:}: which header carries an HMAC of the body, under which secret and algorithm. The
 * secret is never shown in an error; it usually comes from the environment, and the messages name the variable.
 */
final class SignatureSection {
    static final List<String> KEYS = List.of("header", "secret", "algorithm", "encoding", "prefix");

    /** An HTTP header name (RFC 9110 token characters). */
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    private static final Map<String, WebhookSignature.Algorithm> ALGORITHMS =
            byName(WebhookSignature.Algorithm.values(), WebhookSignature.Algorithm::wireName);
    private static final Map<String, WebhookSignature.Encoding> ENCODINGS =
            byName(WebhookSignature.Encoding.values(), WebhookSignature.Encoding::wireName);

    private SignatureSection() {}

    /** The signature, or empty after reporting every mistake in it. */
    static Optional<WebhookSignature> read(Mapping signature) {
        signature.allowOnly(KEYS);
        var header = WebhooksSection.required(signature, "header", "expected a header name like X-Hub-Signature-256")
                ? WebhooksSection.matching(signature, "header", HEADER, "a header name like X-Hub-Signature-256")
                : Optional.<Scalar>empty();
        var secret = secret(signature);
        var algorithm = WebhooksSection.choice(signature, "algorithm", ALGORITHMS, WebhookSignature.Algorithm.SHA256);
        var encoding = WebhooksSection.choice(signature, "encoding", ENCODINGS, WebhookSignature.Encoding.HEX);
        var prefix = signature.has("prefix")
                ? signature
                        .scalar("prefix", "the text before the signature, like sha256=")
                        .map(Scalar::value)
                : Optional.of("");
        if (header.isEmpty() || secret.isEmpty() || algorithm.isEmpty() || encoding.isEmpty() || prefix.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WebhookSignature(
                header.get().value(), secret.get().value(), algorithm.get(), encoding.get(), prefix.get()));
    }

    /**
     * An empty secret would make every signature easy to forge, so it is an error, never a quiet "unsigned". When an
     * environment variable left it empty, the message says which.
     */
    private static Optional<Scalar> secret(Mapping signature) {
        if (!WebhooksSection.required(
                signature, "secret", "write secret: ${VARIABLE} and keep the secret in the environment")) {
            return Optional.empty();
        }
        return signature
                .scalar("secret", "the shared secret, like ${SENDER_WEBHOOK_SECRET}")
                .filter(secret -> {
                    if (!secret.value().isBlank()) {
                        return true;
                    }
                    String why = secret.fromEnvironment()
                            ? "is empty because " + ChannelsSection.whyBlank(secret, signature)
                            : "is empty";
                    signature.error(
                            secret.at(),
                            signature.path("secret") + ": the secret " + why + "; set it, or remove signature to"
                                    + " accept unsigned requests");
                    return false;
                });
    }

    private static <T> Map<String, T> byName(T[] values, Function<T, String> name) {
        Map<String, T> names = new LinkedHashMap<>();
        for (T value : values) {
            names.put(name.apply(value), value);
        }
        return Collections.unmodifiableMap(names);
    }
}
