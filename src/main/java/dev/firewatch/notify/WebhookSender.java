package dev.firewatch.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic webhook (DESIGN §3.1 "Outgoing webhook notifications"): the notification as JSON, signed so the
 * receiver can tell it came from us and is fresh: {@code X-Firewatch-Signature: sha256=<hex HMAC-SHA256(secret,
 * timestamp + "." + body)>} with {@code X-Firewatch-Timestamp} in Unix seconds, and {@code Idempotency-Key} so a
 * resend after a crash is recognisable. Also the way to reach a phone/SMS provider's API.
 */
public final class WebhookSender implements Sender {
    private final PostClient http;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json;
    /** Per secret in the config, so bounded by it; a secret changed by a reload adds one entry. */
    private final Map<String, Mac> keyedBySecret = new java.util.concurrent.ConcurrentHashMap<>();

    public WebhookSender(PostClient http, Duration timeout, Clock clock, ObjectMapper json) {
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public Delivery send(Notification notification, ChannelSpec destination) {
        byte[] body = body(notification);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", notification.idempotencyKey());
        headers.put("X-Firewatch-Timestamp", timestamp);
        String secret = destination.settings().getOrDefault("secret", "");
        if (!secret.isEmpty()) {
            headers.put("X-Firewatch-Signature", "sha256=" + sign(secret, timestamp, body));
        }
        return HttpPost.post(
                http,
                destination.settings().getOrDefault("url", ""),
                "application/json",
                body,
                headers,
                timeout,
                "webhook " + destination.name());
    }

    /** The body of DESIGN §3.1, with the notification part that says which try this is. */
    byte[] body(Notification notification) {
        String queued = notification.queuedPayload().orElse("");
        if (queued.startsWith("{\"event\":\"" + notification.event() + "\",") && queued.endsWith("}")) {
            // The queued payload is the body's first four fields already: add the fifth, without reading it all.
            return (queued.substring(0, queued.length() - 1) + ",\"notification\":{\"id\":" + quoted(notification.id())
                            + ",\"idempotency_key\":" + quoted(notification.idempotencyKey()) + ",\"attempt\":"
                            + notification.attempt() + "}}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode root = json.createObjectNode();
        root.put("event", notification.event());
        root.set("incident", notification.incident());
        root.set("alerts", notification.alerts());
        ObjectNode links = root.putObject("links");
        links.put("incident", notification.links().incident());
        links.put("acknowledge", notification.links().acknowledge());
        links.put("resolve", notification.links().resolve());
        ObjectNode about = root.putObject("notification");
        about.put("id", notification.id());
        about.put("idempotency_key", notification.idempotencyKey());
        about.put("attempt", notification.attempt());
        try {
            return json.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notification could not be written as JSON", e);
        }
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    /** Hex HMAC-SHA256 of {@code timestamp + "." + body}, as a receiver recomputes it. */
    public static String signature(String secret, String timestamp, byte[] body) {
        return signature(keyed(secret), timestamp, body);
    }

    /** The same, with the secret's HMAC set up once and copied per page: looking it up cost more than signing. */
    private String sign(String secret, String timestamp, byte[] body) {
        try {
            return signature(
                    (Mac) keyedBySecret
                            .computeIfAbsent(secret, WebhookSender::keyed)
                            .clone(),
                    timestamp,
                    body);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 can be copied", e);
        }
    }

    private static String signature(Mac mac, String timestamp, byte[] body) {
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static Mac keyed(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
