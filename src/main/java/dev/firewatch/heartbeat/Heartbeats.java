package dev.firewatch.heartbeat;

import dev.firewatch.alert.Signal;
import dev.firewatch.store.Ids;
import dev.firewatch.store.Keyset;
import dev.firewatch.store.Poller;
import dev.firewatch.store.Statements;
import dev.firewatch.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats (dead-man's switches): pings from jobs, kept as a log and folded into each heartbeat's state, and a
 * scheduler that looks at heartbeats whose deadline came. Deadlines are rows ({@code heartbeat_state.due_at}),
 * not timers, so a restart loses none and boot reads nothing: the scheduler asks the index for what is due.
 *
 * <p>A ping and the scheduler take turns on a heartbeat's row (locked on PostgreSQL, the one writer on SQLite),
 * and the alert they send is committed to the journal before their transaction commits. So a trigger and the
 * resolve of the success that follows it reach the journal in that order, and a crash between the two commits
 * at worst sends a trigger again, which the alert stages fold into the same alert.
 */
public final class Heartbeats implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    /** How much of a ping's body is kept as its log. */
    public static final int LOG_BYTES = 10 * 1024;
    /** How many pings each heartbeat keeps. */
    public static final int KEPT_PINGS = 100;
    /** Old pings are pruned every this many pings, a few rows at a time. */
    private static final int PRUNE_EVERY = 10;

    private static final int BATCH = 100;

    /** Where alerts go: {@code intake.Submissions#submit} (admission, then the durable journal). */
    @FunctionalInterface
    public interface Submit {
        void submit(String service, List<Signal> signals);
    }

    private final Store store;
    private final HeartbeatSql sql;
    private final Ids ids;
    private final Clock clock;
    private final Supplier<List<HeartbeatSpec>> specs;
    private final HeartbeatAlerts alerts;
    private final Submit submit;
    private final String publicUrl;
    private final Poller poller = new Poller("heartbeats", Duration.ofSeconds(1), this::checkDue);

    /**
     * @param specs the running config's heartbeats; a reload changes what this sees at once
     * @param integrationKeys a service's integration key by its name, for the alerts' signals
     */
    public Heartbeats(
            Store store,
            Ids ids,
            Clock clock,
            Supplier<List<HeartbeatSpec>> specs,
            java.util.function.Function<String, Optional<String>> integrationKeys,
            Submit submit,
            String publicUrl) {
        this.store = store;
        this.sql = new HeartbeatSql(store.vendor());
        this.ids = ids;
        this.clock = clock;
        this.specs = specs;
        this.alerts = new HeartbeatAlerts(integrationKeys, publicUrl);
        this.submit = submit;
        this.publicUrl = publicUrl;
    }

    /** Starts the scheduler; call once the schema is in place. */
    public void start() {
        poller.start();
    }

    public Optional<HeartbeatSpec> byUuid(UUID uuid) {
        return specs.get().stream().filter(s -> s.uuid().equals(uuid)).findFirst();
    }

    public Optional<HeartbeatSpec> byName(String name) {
        return specs.get().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Records a ping for the heartbeat with that uuid, and tells the alert what it changed.
     *
     * @return the heartbeat's state after it; empty when no heartbeat has that uuid
     * @throws RuntimeException when the store or the journal could not take it: nothing was kept
     */
    public Optional<Heartbeat> ping(UUID uuid, Ping ping) {
        return byUuid(uuid)
                .map(spec -> store.write(tx -> {
                    try (Statements statements = Statements.over(tx)) {
                        HeartbeatSql.Row row = sql.lock(statements, spec.name());
                        Heartbeat.Step step = new Heartbeat(spec, row.state()).receive(ping);
                        sql.insert(statements, ids.next(), spec.name(), ping, step.runMillis());
                        if (!sql.save(
                                statements,
                                spec.name(),
                                step.state(),
                                row.state().version(),
                                true)) {
                            throw new IllegalStateException(
                                    "heartbeat " + spec.name() + " changed while it was locked");
                        }
                        if ((row.pings() + 1) % PRUNE_EVERY == 0) {
                            sql.prune(statements, spec.name(), KEPT_PINGS);
                        }
                        tell(spec, step.tell(), ping.at(), ping.body());
                        return new Heartbeat(spec, step.state());
                    }
                }));
    }

    /** Every heartbeat of the running config, in its order, as it stands now. */
    public List<HeartbeatView> all() {
        Instant now = clock.instant();
        Map<String, HeartbeatState> states = store.read(handle -> {
            try (Statements statements = Statements.over(handle)) {
                return sql.states(statements);
            }
        });
        return specs.get().stream()
                .map(spec -> HeartbeatView.of(
                        new Heartbeat(spec, states.getOrDefault(spec.name(), HeartbeatState.NEVER_PINGED)),
                        now,
                        publicUrl))
                .toList();
    }

    public Optional<HeartbeatView> one(String name) {
        return byName(name).map(spec -> {
            HeartbeatState state = store.read(handle -> {
                try (Statements statements = Statements.over(handle)) {
                    return sql.state(statements, name).orElse(HeartbeatState.NEVER_PINGED);
                }
            });
            return HeartbeatView.of(new Heartbeat(spec, state), clock.instant(), publicUrl);
        });
    }

    /** The heartbeat's pings, newest first, older than {@code before} when it is not null. */
    public Keyset.Page<LoggedPing> pings(String name, String before, int limit) {
        List<LoggedPing> rows = store.read(handle -> {
            try (Statements statements = Statements.over(handle)) {
                return sql.pings(statements, name, before, limit + 1);
            }
        });
        return Keyset.Page.of(rows, limit, LoggedPing::id);
    }

    /** The soonest deadline, for the readiness check. */
    public Optional<Instant> nextDue() {
        return store.read(handle -> {
            try (Statements statements = Statements.over(handle)) {
                return sql.nextDue(statements);
            }
        });
    }

    /** The scheduler's step: every heartbeat whose deadline came, a batch per transaction. */
    private void checkDue() {
        while (poller.running()) {
            Instant now = clock.instant();
            int looked = store.write(tx -> {
                try (Statements statements = Statements.over(tx)) {
                    List<HeartbeatSql.Row> due = sql.due(statements, now, BATCH);
                    due.forEach(row -> check(statements, row, now));
                    return due.size();
                }
            });
            if (looked < BATCH) {
                return;
            }
        }
    }

    private void check(Statements statements, HeartbeatSql.Row row, Instant now) {
        Optional<HeartbeatSpec> spec = byName(row.heartbeat());
        if (spec.isEmpty()) {
            // Gone from the config: nothing to expect any more.
            sql.save(
                    statements,
                    row.heartbeat(),
                    row.state().withAlarm(row.state().alarm(), null),
                    row.state().version(),
                    false);
            return;
        }
        Heartbeat.Step step = new Heartbeat(spec.get(), row.state()).check(now);
        if (!sql.save(statements, row.heartbeat(), step.state(), row.state().version(), false)) {
            return; // someone else looked at it first
        }
        if (step.tell() instanceof Heartbeat.Raise) {
            String evidence = sql.pings(statements, row.heartbeat(), null, 1).stream()
                    .map(LoggedPing::body)
                    .findFirst()
                    .orElse("");
            tell(spec.get(), step.tell(), now, evidence);
        }
    }

    private void tell(HeartbeatSpec spec, Heartbeat.Tell tell, Instant at, String evidence) {
        Optional<Signal> signal = alerts.signal(spec, tell, at, evidence);
        if (signal.isPresent()) {
            submit.submit(spec.service(), List.of(signal.get()));
        } else if (!(tell instanceof Heartbeat.Nothing)) {
            log.warn(
                    "heartbeat {}: service {} is not in the config; its alert was not sent",
                    spec.name(),
                    spec.service());
        }
    }

    @Override
    public void close() {
        poller.close();
    }
}
