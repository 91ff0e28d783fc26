package dev.firewatch.probe.http;

import dev.firewatch.probe.Observation;
import dev.firewatch.probe.ProbeSpec;
import dev.firewatch.probe.dns.DnsProbe;
import dev.firewatch.probe.tls.Certificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

/**
 * Sends one HTTP request and reads the answer: status, headers, the first {@value #BODY_LIMIT} bytes of the body
 * and, over HTTPS, the server's certificate (also when {@code verify_tls} is off, so {@code [CERT_EXPIRY]} works
 * for a self-signed certificate).
 *
 * <p>Checks share one client per kind of request (redirects followed or not, TLS verified or not). Making a client
 * per check cost more than the check itself (a selector thread started and stopped each time: at 1,000 checks a
 * second it took most of the server's CPU). A shared client keeps a connection alive between checks only while it
 * is idle for less than the JDK's keep-alive time (30 s, {@code jdk.httpclient.keepalive.timeout}), so a monitor
 * checked every minute, the default, still connects afresh each time, the way a new visitor does; one checked more
 * often measures its first check's connect and later ones' answer.
 */
public final class HttpProbe {
    /** How much of the body is read; the rest is never downloaded. */
    public static final int BODY_LIMIT = 64 * 1024;

    private static final String USER_AGENT = "Firewatch-Monitor/1";
    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([^\";\\s]+)");

    /** What makes clients differ; monitors have few distinct ones. */
    private record Kind(boolean followRedirects, boolean verifyTls, Duration connectTimeout) {}

    /** The shared clients, by kind; made on first use. */
    private final java.util.concurrent.ConcurrentMap<Kind, HttpClient> clients =
            new java.util.concurrent.ConcurrentHashMap<>();

    private HttpClient client(ProbeSpec.Http spec, Duration timeout) {
        Kind kind = new Kind(spec.followRedirects(), spec.verifyTls(), timeout);
        return clients.computeIfAbsent(kind, k -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                // Its own exception tells "could not connect" (reached=false) from "connected, no answer".
                .connectTimeout(timeout)
                .followRedirects(spec.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .sslContext(spec.verifyTls() ? verifying() : Certificates.trustingEverything())
                .build());
    }

    public Observation observe(ProbeSpec.Http spec, Duration timeout, Instant at) {
        long started = System.nanoTime();
        HttpClient client = client(spec, timeout);
        var answer = new CompletableFuture<Observation>();
        try {
            HttpRequest request = request(spec, timeout);
            Thread.ofVirtual().name("http-probe").start(() -> {
                try {
                    answer.complete(exchange(client, request, spec, at, started));
                } catch (Throwable e) {
                    answer.completeExceptionally(e);
                }
            });
            // The client's own timeouts end a stuck exchange first; this bound is for a body that trickles in.
            return answer.get(timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
        } catch (IllegalArgumentException e) {
            return failed(at, started, "the request cannot be made: " + e.getMessage(), false);
        } catch (TimeoutException e) {
            return failed(at, started, "no answer from " + target(spec) + " within " + DnsProbe.shown(timeout), true);
        } catch (ExecutionException e) {
            return failed(e.getCause(), spec, timeout, at, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(at, started, "interrupted", true);
        }
    }

    private static HttpRequest request(ProbeSpec.Http spec, Duration timeout) {
        var request = HttpRequest.newBuilder(spec.url())
                .timeout(timeout)
                .method(
                        spec.method(),
                        spec.body()
                                .map(HttpRequest.BodyPublishers::ofString)
                                .orElse(HttpRequest.BodyPublishers.noBody()));
        boolean agent = false;
        for (var header : spec.headers().entrySet()) {
            request.header(header.getKey(), header.getValue());
            agent |= header.getKey().equalsIgnoreCase("user-agent");
        }
        if (!agent) {
            request.header("User-Agent", USER_AGENT);
        }
        return request.build();
    }

    private static Observation exchange(
            HttpClient client, HttpRequest request, ProbeSpec.Http spec, Instant at, long started)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        byte[] bytes;
        try (InputStream body = response.body()) {
            bytes = body.readNBytes(BODY_LIMIT);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Optional<X509Certificate> certificate = response.sslSession().flatMap(HttpProbe::leaf);
        String host = response.uri().getHost();
        return new Observation(
                at,
                elapsed,
                Optional.empty(),
                true,
                Optional.of(response.statusCode()),
                headers(response.headers()),
                Optional.of(new String(bytes, charset(response.headers()))),
                certificate.map(c -> c.getNotAfter().toInstant()),
                certificate.map(c -> Certificates.matchesHost(c, host)),
                Optional.empty());
    }

    private static Optional<X509Certificate> leaf(SSLSession session) {
        try {
            var chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? Optional.of(leaf) : Optional.empty();
        } catch (IOException unverified) {
            return Optional.empty();
        }
    }

    /** Names in lower case, as the observation promises. */
    private static Map<String, List<String>> headers(HttpHeaders headers) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.map().forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return lower;
    }

    private static Charset charset(HttpHeaders headers) {
        Matcher charset = CHARSET.matcher(headers.firstValue("content-type").orElse(""));
        if (charset.find()) {
            try {
                return Charset.forName(charset.group(1));
            } catch (IllegalArgumentException unknown) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Why the exchange failed, in a few words naming the target, and whether a connection was made at all. */
    private static Observation failed(
            Throwable cause, ProbeSpec.Http spec, Duration timeout, Instant at, long started) {
        String target = target(spec);
        String within = " within " + DnsProbe.shown(timeout);
        if (find(cause, HttpConnectTimeoutException.class).isPresent()) {
            return failed(at, started, "no connection to " + target + within, false);
        }
        if (find(cause, HttpTimeoutException.class).isPresent()) {
            return failed(at, started, "no answer from " + target + within, true);
        }
        if (find(cause, UnresolvedAddressException.class).isPresent()
                || find(cause, UnknownHostException.class).isPresent()) {
            return failed(at, started, "unknown host " + spec.url().getHost(), false);
        }
        if (find(cause, NoRouteToHostException.class).isPresent()) {
            return failed(at, started, "no route to " + target, false);
        }
        var certificate = find(cause, CertificateException.class);
        if (certificate.isPresent()) {
            return failed(at, started, certificateProblem(target, certificate.get()), true);
        }
        var handshake = find(cause, SSLHandshakeException.class);
        if (handshake.isPresent()) {
            return failed(at, started, "TLS handshake with " + target + " failed: " + describe(handshake.get()), true);
        }
        // The client's refusal is a ConnectException with no message, wrapping the channel's.
        if (find(cause, ConnectException.class).isPresent()) {
            return failed(at, started, "connection refused by " + target, false);
        }
        return failed(at, started, target + ": " + describe(cause), true);
    }

    /** The first exception of that type in the chain of causes. */
    private static <T extends Throwable> Optional<T> find(Throwable cause, Class<T> type) {
        for (Throwable e = cause; e != null; e = e.getCause()) {
            if (type.isInstance(e)) {
                return Optional.of(type.cast(e));
            }
        }
        return Optional.empty();
    }

    private static String certificateProblem(String target, CertificateException problem) {
        String message = String.valueOf(problem.getMessage());
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return "the certificate of " + target + " does not name its host; set verify_tls: false to check it"
                    + " anyway with [CERT_MATCHES_HOST]";
        }
        if (message.contains("PKIX") || message.contains("unable to find valid certification path")) {
            return "the certificate of " + target + " is not trusted (self-signed or from an unknown CA); set"
                    + " verify_tls: false to check it anyway";
        }
        return "the certificate of " + target + " is not accepted: " + message;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /** {@code host:port}: never the path or query, which may carry a token. */
    private static String target(ProbeSpec.Http spec) {
        int port = spec.url().getPort();
        if (port < 0) {
            port = "https".equalsIgnoreCase(spec.url().getScheme()) ? 443 : 80;
        }
        return spec.url().getHost() + ":" + port;
    }

    private static Observation failed(Instant at, long started, String error, boolean reached) {
        return new Observation(
                at,
                Duration.ofNanos(System.nanoTime() - started),
                Optional.of(error),
                reached,
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static SSLContext verifying() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no TLS: " + e.getMessage(), e);
        }
    }
}
