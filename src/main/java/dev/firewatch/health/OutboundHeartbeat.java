package dev.firewatch.health;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who watches the watcher: every interval, while {@link Readiness} finds nothing failing (the store writable, the
 * scheduler on time, the outbox draining), a GET to an outside dead-man's switch. When Firewatch dies, hangs or
 * cannot page, the pings stop and that service pages someone. A failing check skips the ping on purpose: a
 * Firewatch that answers but cannot page must look dead from outside.
 */
public final class OutboundHeartbeat implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboundHeartbeat.class);

    private final OutboundHeartbeatSpec spec;
    private final Readiness readiness;
    private final HttpClient http;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("outbound-heartbeat").daemon().factory());
    private final AtomicReference<String> last = new AtomicReference<>("not pinged yet");

    public OutboundHeartbeat(OutboundHeartbeatSpec spec, Readiness readiness) {
        this.spec = spec;
        this.readiness = readiness;
        this.http = HttpClient.newBuilder().connectTimeout(timeout()).build();
    }

    public void start() {
        long every = spec.interval().toMillis();
        timer.scheduleAtFixedRate(this::beat, 0, every, TimeUnit.MILLISECONDS);
    }

    /** What the last beat did, for the dashboard: "pinged: HTTP 200", "skipped: outbox is failing". */
    public String last() {
        return last.get();
    }

    void beat() {
        try {
            var report = readiness.report();
            var failing = report.checks().entrySet().stream()
                    .filter(e -> !e.getValue().ok())
                    .map(e -> e.getKey() + " (" + e.getValue().detail() + ")")
                    .toList();
            if (!failing.isEmpty()) {
                last.set("skipped: " + String.join(", ", failing) + " failing");
                log.warn("outbound heartbeat skipped, so the watcher outside will page: {} failing", failing);
                return;
            }
            HttpRequest request = HttpRequest.newBuilder(spec.url())
                    .timeout(timeout())
                    .header("User-Agent", "Firewatch heartbeat")
                    .GET()
                    .build();
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            last.set("pinged: HTTP " + status);
            if (status >= 300) {
                log.warn("outbound heartbeat to {} answered HTTP {}", spec.url().getHost(), status);
            }
        } catch (IOException e) {
            last.set("ping failed: " + e.getMessage());
            log.warn("outbound heartbeat to {} failed: {}", spec.url().getHost(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("outbound heartbeat failed", e); // never let the timer die
        }
    }

    private Duration timeout() {
        Duration half = spec.interval().dividedBy(2);
        return half.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : half;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
