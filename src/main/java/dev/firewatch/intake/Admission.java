package dev.firewatch.intake;

import dev.firewatch.alert.Severity;
import dev.firewatch.alert.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Stage 2 of an alert's way (STYLE §2), between decoding and the journal: under a storm, decides per event
 * whether it goes through the alert stages one by one or is folded into its service's digest. Everything is
 * journaled either way, so a 2xx still means stored; folding only spares the alert stages, which cost about
 * half a millisecond per new alert while intake takes tens of thousands a second.
 *
 * <p>It degrades by priority, never at random: the more journal rows wait for the consumer, the more severities
 * fold (info from half the threshold, warnings from three quarters, errors from the threshold), and critical events
 * always go through. As long as the consumer counts folded rows faster than they arrive, the threshold bounds what
 * a critical event sent now waits behind. So do resolves and acknowledges: a folded resolve would leave its incident open for good, and a
 * folded acknowledge would keep paging someone who is already on it.
 */
public final class Admission {
    /** What happens to one event after it is journaled. */
    public enum Decision {
        /** Through the alert stages: dedup, route, silence, inhibit, incident. */
        PROCESS,
        /** Counted into its service's digest (per severity and minute), with a few sample summaries. */
        FOLD
    }

    /** Why an event was folded, for the sender: the end of every answer that says so. */
    static final String OVERLOADED = "Firewatch is overloaded; critical events are still processed one by one";

    private final Supplier<StormSpec> spec;
    private final Backlog backlog;
    private final MeterRegistry registry;

    /** The spec is a supplier, so a config reload applies to the next request. */
    public Admission(Supplier<StormSpec> spec, Backlog backlog, MeterRegistry registry) {
        this.spec = spec;
        this.backlog = backlog;
        this.registry = registry;
        Gauge.builder("firewatch.intake.backlog", backlog, Backlog::forAlertStages)
                .description("Journal rows committed but not yet processed, by where they go")
                .tag("lane", "alert_stages")
                .register(registry);
        Gauge.builder("firewatch.intake.backlog", backlog, Backlog::forDigests)
                .description("Journal rows committed but not yet processed, by where they go")
                .tag("lane", "digests")
                .register(registry);
    }

    /**
     * A decision per signal, in order. Each event admitted to the alert stages counts at once, so the events after
     * it, in this request or in one arriving beside it, see it: a burst of concurrent batches cannot all slip in
     * below the threshold together. Call {@link #settled} once the journal has answered.
     */
    public List<Decision> decide(List<Signal> signals) {
        StormSpec storm = spec.get();
        List<Decision> decisions = new ArrayList<>(signals.size());
        for (Signal signal : signals) {
            Decision decision = decide(signal, backlog.rows(), storm);
            if (decision == Decision.PROCESS) {
                backlog.admitting();
            }
            decisions.add(decision);
        }
        return decisions;
    }

    /** The journal committed these decisions, or failed to: either way they no longer count as in flight. */
    public void settled(List<Decision> decisions) {
        backlog.admitted(
                (int) decisions.stream().filter(d -> d == Decision.PROCESS).count());
    }

    static Decision decide(Signal signal, long backlog, StormSpec storm) {
        return switch (signal) {
            case Signal.Resolve resolve -> Decision.PROCESS;
            case Signal.Acknowledge acknowledge -> Decision.PROCESS;
            case Signal.Trigger trigger ->
                backlog >= foldsFrom(trigger.severity(), storm) ? Decision.FOLD : Decision.PROCESS;
        };
    }

    /** The backlog from which triggers of this severity fold; never for critical ones. */
    static long foldsFrom(Severity severity, StormSpec storm) {
        long threshold = storm.backlogThreshold();
        return switch (severity) {
            case CRITICAL -> Long.MAX_VALUE;
            case ERROR -> threshold;
            case WARNING -> Math.max(1, threshold * 3 / 4);
            case INFO -> Math.max(1, threshold / 2);
        };
    }

    /** The severities that fold at the backlog as it is now, most severe first; empty when none do. */
    public List<Severity> foldingNow() {
        long rows = backlog.rows();
        StormSpec storm = spec.get();
        return List.of(Severity.values()).stream()
                .filter(s -> rows >= foldsFrom(s, storm))
                .toList();
    }

    /** What the native and Alertmanager endpoints say when some of a request's events were folded. */
    static String foldedMessage(long folded, int accepted, String service) {
        return folded + " of " + accepted + (accepted == 1 ? " event was" : " events were")
                + " folded into the storm digest of service " + service + ": " + OVERLOADED;
    }

    /** Journal rows waiting for the consumer, which is what admission decides on. */
    public long backlog() {
        return backlog.rows();
    }

    /** Counts what was folded into {@code firewatch_intake_folded_total}, once the journal has committed it. */
    public void counted(String service, List<Journal.Entry> entries) {
        Map<Severity, Integer> folded = new EnumMap<>(Severity.class);
        for (Journal.Entry entry : entries) {
            if (entry.folded() && entry.signal() instanceof Signal.Trigger trigger) {
                folded.merge(trigger.severity(), 1, Integer::sum);
            }
        }
        folded.forEach((severity, events) -> Counter.builder("firewatch.intake.folded")
                .description("Events folded into a storm digest instead of going through the alert stages")
                .tag("service", service)
                .tag("severity", severity.wireName())
                .register(registry)
                .increment(events));
    }
}
