package dev.firewatch.probe;

import dev.firewatch.probe.dns.DnsProbe;
import dev.firewatch.probe.http.HttpProbe;
import dev.firewatch.probe.sql.SqlProbe;
import dev.firewatch.probe.tcp.TcpProbe;
import dev.firewatch.probe.tls.TlsProbe;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one check of a monitor: the probe of its kind, then its conditions in order. The first condition that does
 * not hold is the failure, shown with the value it saw ({@code [BODY].database ("error") == "ok"}); when the check
 * could not complete, its error is the failure instead ({@code connection refused by db:5432}), since that says
 * more than a placeholder with no value.
 *
 * <p>A monitor without conditions passes on what its kind means by healthy: an HTTP 2xx; a TCP connection; a TLS
 * handshake with a certificate that has not expired and names the server; a DNS name with an address; a query
 * that returns a row.
 */
public final class Checks implements Checker {
    private static final Logger LOG = LoggerFactory.getLogger(Checks.class);
    private static final int EVIDENCE_LENGTH = 300;
    private static final List<Condition> HTTP_DEFAULT = List.of(
            Condition.parse("[STATUS] >= 200", ProbeSpec.Http.class).orThrow(),
            Condition.parse("[STATUS] <= 299", ProbeSpec.Http.class).orThrow());
    private static final List<Condition> TLS_DEFAULT = List.of(
            Condition.parse("[CERT_EXPIRY] > 0s", ProbeSpec.Tls.class).orThrow(),
            Condition.parse("[CERT_MATCHES_HOST] == true", ProbeSpec.Tls.class).orThrow());

    private final Clock clock;
    private final Supplier<Optional<URI>> own;
    private final HttpProbe http = new HttpProbe();
    private final TcpProbe tcp = new TcpProbe();
    private final TlsProbe tls = new TlsProbe();
    private final DnsProbe dns = new DnsProbe();
    private final SqlProbe sql = new SqlProbe();

    /** @param clock gives each result's {@code at}; response times are measured, not read from it */
    public Checks(Clock clock) {
        this(clock, Optional::empty);
    }

    /**
     * @param own Firewatch's own address ({@code http://127.0.0.1:8080}), for HTTP monitors whose URL is a path
     *     alone; empty until the server listens
     */
    public Checks(Clock clock, Supplier<Optional<URI>> own) {
        this.clock = clock;
        this.own = own;
    }

    @Override
    public ProbeResult check(MonitorSpec monitor) {
        Instant at = clock.instant();
        Observation observed;
        try {
            observed = observe(monitor, at);
        } catch (RuntimeException e) {
            // A bug in a probe must not stop the runtime's loop; the monitor fails and says so. Its message is
            // not repeated: for a SQL monitor it could hold the URL, and so its password.
            if (monitor.probe() instanceof ProbeSpec.Sql) {
                LOG.error(
                        "monitor {}: the check itself failed with {}",
                        monitor.name(),
                        e.getClass().getName());
            } else {
                LOG.error("monitor {}: the check itself failed", monitor.name(), e);
            }
            return new ProbeResult(
                    monitor.name(),
                    at,
                    java.time.Duration.ZERO,
                    false,
                    true,
                    Optional.of("the check itself failed (" + e.getClass().getSimpleName() + "); see the log"),
                    Optional.empty());
        }
        return judge(monitor, observed);
    }

    private Observation observe(MonitorSpec monitor, Instant at) {
        return switch (monitor.probe()) {
            case ProbeSpec.Http spec
            when spec.isOwn() ->
                own.get()
                        .map(base -> http.observe(spec.against(base), monitor.timeout(), at))
                        .orElseGet(() -> Observation.failed(at, "Firewatch is not listening yet", false));
            case ProbeSpec.Http spec -> http.observe(spec, monitor.timeout(), at);
            case ProbeSpec.Tcp spec -> tcp.observe(spec, monitor.timeout(), at);
            case ProbeSpec.Tls spec -> tls.observe(spec, monitor.timeout(), at);
            case ProbeSpec.Dns spec -> dns.observe(spec, monitor.timeout(), at);
            case ProbeSpec.Sql spec -> sql.observe(spec, monitor.timeout(), at);
        };
    }

    /** The observation judged by the monitor's conditions, or by its kind's default when it has none. */
    static ProbeResult judge(MonitorSpec monitor, Observation observed) {
        boolean written = !monitor.conditions().isEmpty();
        List<Condition> conditions = written ? monitor.conditions() : defaults(monitor.probe());
        Optional<String> failure = Optional.empty();
        for (Condition condition : conditions) {
            var verdict = condition.evaluate(observed);
            if (!verdict.holds()) {
                failure = Optional.of(observed.error().orElse(verdict.shown()));
                break;
            }
        }
        if (failure.isEmpty() && !written) {
            // Without conditions an error always fails; with them, only [CONNECTED] can accept one.
            failure = observed.error();
            if (failure.isEmpty()
                    && monitor.probe() instanceof ProbeSpec.Sql
                    && observed.result().isEmpty()) {
                failure = Optional.of("the query returned no row");
            }
        }
        return new ProbeResult(
                monitor.name(),
                observed.at(),
                observed.responseTime(),
                failure.isEmpty(),
                observed.reached(),
                failure,
                evidence(monitor.probe(), observed));
    }

    private static List<Condition> defaults(ProbeSpec probe) {
        return switch (probe) {
            case ProbeSpec.Http http -> HTTP_DEFAULT;
            case ProbeSpec.Tls tls -> TLS_DEFAULT;
            case ProbeSpec.Tcp tcp -> List.of();
            case ProbeSpec.Dns dns -> List.of();
            case ProbeSpec.Sql sql -> List.of();
        };
    }

    /** A short excerpt of what came, for the alert and the detail page; empty when nothing came. */
    static Optional<String> evidence(ProbeSpec probe, Observation observed) {
        String evidence =
                switch (probe) {
                    case ProbeSpec.Http http ->
                        observed.status()
                                .map(status -> "HTTP " + status
                                        + observed.body()
                                                .map(String::strip)
                                                .filter(body -> !body.isEmpty())
                                                .map(body -> ", body: " + body.replaceAll("\\s+", " "))
                                                .orElse(", empty body"))
                                .orElse(null);
                    case ProbeSpec.Tcp tcp ->
                        observed.error().isEmpty() ? "connected to " + tcp.host() + ":" + tcp.port() : null;
                    case ProbeSpec.Tls tls ->
                        observed.certificateExpiry()
                                .map(expiry -> "certificate of " + tls.serverName() + " expires " + expiry
                                        + observed.certificateMatchesHost()
                                                .map(matches ->
                                                        matches ? ", names the host" : ", does not name the host")
                                                .orElse(""))
                                .orElse(null);
                    case ProbeSpec.Dns dns ->
                        observed.body()
                                .map(addresses -> dns.host() + ": " + addresses)
                                .orElse(null);
                    case ProbeSpec.Sql sql ->
                        observed.error().isPresent()
                                ? null
                                : observed.result()
                                        .map(result -> "first column of the first row: " + result)
                                        .orElse("no row");
                };
        if (evidence == null) {
            return Optional.empty();
        }
        return Optional.of(
                evidence.length() > EVIDENCE_LENGTH ? evidence.substring(0, EVIDENCE_LENGTH - 1) + "…" : evidence);
    }
}
