package dev.firewatch.probe;

import dev.firewatch.alert.Severity;
import dev.firewatch.alert.Signal;
import dev.firewatch.intake.Submissions;
import dev.firewatch.service.ServiceSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Is it them or us?": connects to the configured canaries and decides whether Firewatch itself is cut off (it
 * cannot reach most of them). Monitors ask {@link #cutOff()} when a check could not reach its target; while cut
 * off, such failures are held as unknown, and this class sends the one alert about Firewatch's own network.
 */
public final class Connectivity implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Connectivity.class);
    /** The state row of the self-alert; no monitor name can start with a colon. */
    static final String ROW = ":connectivity";

    static final String DEDUP_KEY = "firewatch:connectivity";

    /** What one round of connects found. */
    public record Verdict(Instant at, int reached, int total, List<String> unreachable) {
        /** Cut off when most canaries could not be reached. */
        public boolean cutOff() {
            return total > 0 && (total - reached) * 2 > total;
        }

        public String said() {
            return cutOff()
                    ? "Firewatch cannot reach " + unreachable.size() + " of " + total + " connectivity canaries ("
                            + String.join(", ", unreachable) + "): its own network looks down, so monitors that"
                            + " cannot reach their targets are held as unknown instead of paging"
                    : "reached " + reached + " of " + total + " connectivity canaries";
        }
    }

    private final Supplier<Optional<ConnectivitySpec>> spec;
    private final ProbeHistory history;
    private final Submissions submissions;
    private final Function<String, Optional<ServiceSpec>> services;
    private final Clock clock;
    private final ReentrantLock checking = new ReentrantLock();
    private volatile Verdict last;
    private MonitorStatus alert;
    private volatile boolean open = true;
    private Thread loop;

    public Connectivity(
            Supplier<Optional<ConnectivitySpec>> spec,
            ProbeHistory history,
            Submissions submissions,
            Function<String, Optional<ServiceSpec>> services,
            Clock clock) {
        this.spec = spec;
        this.history = history;
        this.submissions = submissions;
        this.services = services;
        this.clock = clock;
    }

    public synchronized void start() {
        if (loop == null) {
            loop = Thread.ofVirtual().name("connectivity").start(this::run);
        }
    }

    private void run() {
        while (open) {
            try {
                Optional<ConnectivitySpec> now = spec.get();
                if (now.isPresent()) {
                    check(clock.instant());
                }
                Thread.sleep(now.map(ConnectivitySpec::interval).orElse(ConnectivitySpec.DEFAULT_INTERVAL));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("connectivity check failed; it goes on", e);
            }
        }
    }

    /**
     * Whether Firewatch is cut off now: the last verdict, or a fresh one when that is older than the interval, so
     * the first monitor to fail in an outage asks the canaries before anything pages.
     */
    public boolean cutOff() {
        Optional<ConnectivitySpec> configured = spec.get();
        if (configured.isEmpty()) {
            return false;
        }
        Verdict known = last;
        Instant now = clock.instant();
        if (known != null && !known.at().plus(configured.get().interval()).isBefore(now)) {
            return known.cutOff();
        }
        return check(now).cutOff();
    }

    /** The last verdict, empty before the first or when no canaries are configured. */
    public Optional<Verdict> last() {
        return spec.get().isEmpty() ? Optional.empty() : Optional.ofNullable(last);
    }

    /** Connects to every canary at once, decides, and sends or resolves the self-alert when the verdict changed. */
    public Verdict check(Instant now) {
        checking.lock();
        try {
            ConnectivitySpec configured = spec.get().orElse(null);
            if (configured == null) {
                return new Verdict(now, 0, 0, List.of());
            }
            List<ConnectivitySpec.Canary> canaries = configured.canaries();
            List<Boolean> reached;
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<CompletableFuture<Boolean>> tries = canaries.stream()
                        .map(c -> CompletableFuture.supplyAsync(() -> connects(c, configured.timeout()), threads))
                        .toList();
                reached = tries.stream().map(CompletableFuture::join).toList();
            }
            List<String> unreachable = new ArrayList<>();
            for (int i = 0; i < canaries.size(); i++) {
                if (!reached.get(i)) {
                    unreachable.add(canaries.get(i).target());
                }
            }
            Verdict verdict = new Verdict(now, canaries.size() - unreachable.size(), canaries.size(), unreachable);
            alert(verdict, configured);
            last = verdict;
            return verdict;
        } finally {
            checking.unlock();
        }
    }

    private static boolean connects(ConnectivitySpec.Canary canary, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(canary.host(), canary.port()), (int) timeout.toMillis());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Sends the trigger when the verdict turned to cut off, the resolve when it turned back; keeps its row. */
    private void alert(Verdict verdict, ConnectivitySpec configured) {
        if (alert == null) {
            alert = history.state(ROW).orElseGet(() -> MonitorStatus.pending(ROW, verdict.at()));
        }
        boolean wasAlerting = alert.alerting();
        if (verdict.cutOff() == wasAlerting) {
            return;
        }
        Optional<ServiceSpec> service = configured.service().flatMap(services);
        if (service.isEmpty()) {
            log.warn("connectivity: {}; no service to page (set connectivity.service)", verdict.said());
        } else {
            String key = service.get().integrationKey();
            Map<String, String> labels = Map.of("firewatch", "connectivity");
            Signal signal = verdict.cutOff()
                    ? new Signal.Trigger(
                            key,
                            DEDUP_KEY,
                            labels,
                            verdict.at(),
                            Signal.Source.PROBE,
                            "Firewatch is cut off: it cannot reach "
                                    + verdict.unreachable().size() + " of " + verdict.total()
                                    + " connectivity canaries",
                            Severity.CRITICAL,
                            "firewatch",
                            "connectivity",
                            "monitor",
                            "connectivity",
                            Map.of("description", verdict.said()),
                            Map.of("unreachable", verdict.unreachable()),
                            List.of(),
                            List.of(),
                            "Firewatch",
                            null,
                            null)
                    : new Signal.Resolve(key, DEDUP_KEY, labels, verdict.at(), Signal.Source.PROBE);
            try {
                submissions.submit(service.get().name(), List.of(signal));
            } catch (RuntimeException e) {
                log.warn("connectivity: the alert could not be journalled: {}", e.getMessage());
                return; // the next check tries again
            }
        }
        MonitorState state = verdict.cutOff() ? MonitorState.DOWN : MonitorState.UP;
        alert = new MonitorStatus(
                ROW, state, 0, 0, verdict.at(), verdict.said(), verdict.cutOff(), List.of(), false, Optional.empty());
        history.record(alert);
    }

    @Override
    public void close() {
        open = false;
        Thread running = loop;
        if (running != null) {
            running.interrupt();
        }
    }
}
