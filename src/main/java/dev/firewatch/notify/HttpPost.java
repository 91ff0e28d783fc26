package dev.firewatch.notify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * One POST to a channel's receiver, and what its answer means for the outbox: 2xx delivered; 408, 429, 5xx, a
 * timeout or a refused connection worth another try; any other answer permanent, because sending the same
 * request again gets the same answer.
 *
 * <p>The channel's URL is never part of a reason: for Slack the URL is the password, so only its host is named.
 */
final class HttpPost {
    private HttpPost() {}

    /**
     * @param who names the receiver in a reason: "Slack", "ntfy"
     */
    static Delivery post(
            PostClient client,
            String url,
            String contentType,
            byte[] body,
            Map<String, String> headers,
            Duration timeout,
            String who) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException notAnAddress) {
            return new Delivery.Failed("the channel's url is not a web address", true);
        }
        if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null) {
            return new Delivery.Failed("the channel's url must start with https:// or http://", true);
        }
        try {
            PostClient.Answer answer = client.post(uri, contentType, body, headers, timeout);
            return outcome(answer.status(), oneLine(answer.firstBytes()), who);
        } catch (IllegalArgumentException unsendable) {
            return new Delivery.Failed("the request to " + who + " cannot be sent: " + unsendable.getMessage(), true);
        } catch (IOException e) {
            return failure(e, who, uri.getHost(), uri, timeout);
        }
    }

    /**
     * Posts {@code payload} as JSON; a payload that cannot be written fails for good, since writing it again would
     * fail again.
     *
     * @param what names the message in that failure: "the Slack message", "the Teams card"
     */
    static Delivery json(
            PostClient client,
            String url,
            com.fasterxml.jackson.databind.ObjectMapper json,
            Object payload,
            Map<String, String> headers,
            Duration timeout,
            String who,
            String what) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new Delivery.Failed(what + " could not be written: " + e.getOriginalMessage(), true);
        }
        return post(client, url, "application/json; charset=utf-8", body, headers, timeout, who);
    }

    static Delivery outcome(int status, String answer, String who) {
        String said = answer.isBlank() ? "" : ": " + answer;
        if (status >= 200 && status < 300) {
            return new Delivery.Delivered("HTTP " + status);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new Delivery.Failed(who + " answered HTTP " + status + said, false);
        }
        return new Delivery.Failed(who + " refused the message with HTTP " + status + said, true);
    }

    private static Delivery failure(IOException cause, String who, String host, URI uri, Duration timeout) {
        return switch (cause) {
            case SocketTimeoutException slow -> noAnswer(who, host, timeout);
            case ConnectException refused ->
                new Delivery.Failed("could not connect to " + who + " at " + host + ": " + words(refused, uri), false);
            case SSLException tls ->
                new Delivery.Failed("the TLS handshake with " + host + " failed: " + words(tls, uri), false);
            default -> new Delivery.Failed("the connection to " + host + " failed: " + words(cause, uri), false);
        };
    }

    private static Delivery noAnswer(String who, String host, Duration timeout) {
        return new Delivery.Failed(
                who + " at " + host + " did not answer within " + timeout.toMillis() / 1000.0 + " s", false);
    }

    /** An exception's message without the URL's path or query, where a secret may sit. */
    private static String words(Throwable e, URI uri) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
            message = message.replace(uri.getRawPath(), "/…");
        }
        if (uri.getRawQuery() != null) {
            message = message.replace(uri.getRawQuery(), "…");
        }
        return oneLine(message);
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
