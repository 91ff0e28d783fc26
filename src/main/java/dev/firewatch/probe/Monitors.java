package dev.firewatch.probe;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What people and scripts read about monitors: the configured monitors with their states, last results and
 * uptime, for the API, the pages and the CLI. Each monitor costs a few reads by key and index range, whatever
 * the history holds.
 */
public final class Monitors {
    private final Supplier<List<MonitorSpec>> configured;
    private final Function<Collection<String>, Map<String, MonitorStatus>> states;
    private final ProbeHistory history;
    private final Clock clock;

    private Monitors(
            Supplier<List<MonitorSpec>> configured,
            Function<Collection<String>, Map<String, MonitorStatus>> states,
            ProbeHistory history,
            Clock clock) {
        this.configured = configured;
        this.states = states;
        this.history = history;
        this.clock = clock;
    }

    /** For the running server: states as the runtime follows them. */
    public static Monitors live(
            Supplier<List<MonitorSpec>> configured, MonitorStates states, ProbeHistory history, Clock clock) {
        return new Monitors(configured, states::statuses, history, clock);
    }

    /** For tools beside a server (the CLI): states as their rows last said. */
    public static Monitors stored(Supplier<List<MonitorSpec>> configured, ProbeHistory history, Clock clock) {
        return new Monitors(
                configured,
                names -> {
                    Map<String, MonitorStatus> rows = history.states(names);
                    Map<String, MonitorStatus> all = new java.util.LinkedHashMap<>();
                    Instant now = clock.instant();
                    names.forEach(n -> all.put(n, rows.getOrDefault(n, MonitorStatus.pending(n, now))));
                    return all;
                },
                history,
                clock);
    }

    /** The configured monitors sorted by name, from the one after {@code after} (a name) on, at most {@code limit}. */
    public List<MonitorSpec> page(String after, int limit) {
        return configured.get().stream()
                .filter(m -> after == null || m.name().compareTo(after) > 0)
                .sorted(Comparator.comparing(MonitorSpec::name))
                .limit(limit)
                .toList();
    }

    public Optional<MonitorSpec> find(String name) {
        return configured.get().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public int count() {
        return configured.get().size();
    }

    /** Every configured monitor's state, for counts and the "needs attention" list. */
    public Map<String, MonitorStatus> statuses() {
        return states.apply(configured.get().stream().map(MonitorSpec::name).toList());
    }

    /** The API's view of these monitors, in their order. */
    public List<MonitorView> views(List<MonitorSpec> monitors) {
        Map<String, MonitorStatus> found =
                states.apply(monitors.stream().map(MonitorSpec::name).toList());
        Instant now = clock.instant();
        return monitors.stream().map(m -> view(m, found.get(m.name()), now)).toList();
    }

    public MonitorView view(MonitorSpec monitor) {
        return views(List.of(monitor)).getFirst();
    }

    private MonitorView view(MonitorSpec monitor, MonitorStatus status, Instant now) {
        return new MonitorView(
                monitor.name(),
                monitor.service(),
                MonitorSignals.kind(monitor.probe()),
                monitor.probe().host(),
                monitor.interval().toSeconds(),
                status.state().wireName(),
                status.flapping(),
                status.since(),
                status.reason(),
                MonitorView.LastResult.of(status.last().orElse(null)),
                uptime(monitor.name(), now));
    }

    /** Uptime over 24 h, 7 d and 30 d from the hour and day roll-ups. */
    public Uptime uptime(String monitor, Instant now) {
        return Uptime.of(
                history.rollups(monitor, Rollup.Resolution.HOUR, Uptime.hoursFrom(now)),
                history.rollups(monitor, Rollup.Resolution.DAY, Uptime.daysFrom(now)),
                now);
    }

    /** A monitor's newest results, newest first, older than the cursor when there is one. */
    public List<ResultRow> results(String monitor, Long before, int limit) {
        return history.newest(monitor, before, limit);
    }

    /** A monitor's roll-ups of one resolution from {@code from} on, oldest first. */
    public List<Rollup> rollups(String monitor, Rollup.Resolution resolution, Instant from) {
        return history.rollups(monitor, resolution, from);
    }
}
