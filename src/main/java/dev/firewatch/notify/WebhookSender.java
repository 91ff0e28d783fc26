package dev.firewatch.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic webhook (DESIGN §3.1 "Outgoing webhook notifications"): the notification as JSON, signed so the
 * receiver can tell it came from us and is fresh: {@code X-Firewatch-Signature: sha256=<hex HMAC-SHA256(secret,
 * timestamp + "." + body)>} with {@code X-Firewatch-Timestamp} in Unix seconds, and {@code Idempotency-Key} so a
 * resend after a crash is recognisable. Also the way to reach a phone/SMS provider's API.
 */
public final class WebhookSender implements Sender {
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json;

    public WebhookSender(HttpClient http, Duration timeout, Clock clock, ObjectMapper json) {
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public Delivery send(Notification notification, ChannelSpec destination) {
        byte[] body = body(notification);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        URI url;
        try {
            url = URI.create(destination.settings().get("url"));
        } catch (IllegalArgumentException e) {
            return new Delivery.Failed("the webhook URL of " + destination.name() + " is not a URL", true);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Firewatch")
                .header("Idempotency-Key", notification.idempotencyKey())
                .header("X-Firewatch-Timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        String secret = destination.settings().getOrDefault("secret", "");
        if (!secret.isEmpty()) {
            request.header("X-Firewatch-Signature", "sha256=" + signature(secret, timestamp, body));
        }
        return HttpDelivery.post(http, request.build(), url, timeout);
    }

    /** The body of DESIGN §3.1, with the notification part that says which try this is. */
    byte[] body(Notification notification) {
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

    /** Hex HMAC-SHA256 of {@code timestamp + "." + body}, as a receiver recomputes it. */
    public static String signature(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** Sends one POST and says how it went; shared by the senders that speak HTTP. */
    static final class HttpDelivery {
        private HttpDelivery() {}

        static Delivery post(HttpClient http, HttpRequest request, URI url, Duration timeout) {
            String where = url.getHost() == null ? "the receiver" : url.getHost();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new Delivery.Delivered("HTTP " + status);
                }
                // A 4xx other than 408 and 429 will be the same next time: the URL or the request is wrong.
                boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
                return new Delivery.Failed(where + " answered HTTP " + status, permanent);
            } catch (HttpTimeoutException e) {
                return new Delivery.Failed(where + " did not answer within " + timeout.toMillis() + " ms", false);
            } catch (IOException e) {
                return new Delivery.Failed(
                        "could not reach " + where + ": "
                                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                        false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Delivery.Failed("interrupted while sending (Firewatch is stopping)", false);
            }
        }
    }
}
