package dev.firewatch.logwatch;

import dev.firewatch.alert.Signal;
import dev.firewatch.intake.SignalCodec;
import dev.firewatch.intake.Submissions;
import dev.firewatch.service.Services;
import dev.firewatch.store.Ids;
import dev.firewatch.store.Poller;
import dev.firewatch.store.Statements;
import dev.firewatch.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Log watchdogs: rules over the lines services send. Lines are evaluated as they arrive and are not stored; what
 * is stored, in the transaction that answers the sender, is each touched rule's state and its newest matching lines
 * (evidence). A rule that begins or stops firing queues a trigger or resolve in that same transaction; a thread
 * submits queued signals to intake, and evaluates rules whose deadline came (a sequence's start went unanswered,
 * an absence lasted too long, a firing rate window slid on). All of it survives a restart: the deadlines are rows.
 */
public final class LogRules implements AutoCloseable {
    private static final int BATCH = 100;
    /** How often a write that lost a race is tried again; only two first writes of one rule can race. */
    private static final int ATTEMPTS = 3;

    /** How many lines a request sent and how many of them some rule read. */
    public record Accepted(int lines, int matched) {}

    private final Store store;
    private final Ids ids;
    private final Clock clock;
    private final Supplier<List<LogRuleSpec>> rules;
    private final Services services;
    private final Submissions submissions;
    private final SignalCodec codec;
    private final LogRuleSql ruleSql;
    private final Poller poller;
    private final LogRuleViews views;
    private final RuleAlerts alerts;
    /** The rule list last made sure of; a reload brings a new list, and absence rules then get their rows. */
    private List<LogRuleSpec> ensured;

    public LogRules(
            Store store,
            Ids ids,
            Clock clock,
            Supplier<List<LogRuleSpec>> rules,
            Services services,
            Submissions submissions,
            SignalCodec codec) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.rules = rules;
        this.services = services;
        this.submissions = submissions;
        this.codec = codec;
        this.ruleSql = new LogRuleSql(store.vendor());
        this.poller = new Poller("log-rules", Duration.ofSeconds(1), this::step);
        this.views = new LogRuleViews(store, clock, rules);
        this.alerts = new RuleAlerts(services, rules);
    }

    /** Starts the thread; call once the schema is in place. */
    public void start() {
        poller.start();
    }

    /** The rules of the running config. */
    public List<LogRuleSpec> specs() {
        return rules.get();
    }

    /**
     * Evaluates the lines against the service's rules and commits what they changed. When this returns, the state
     * and the evidence are on disk; signals follow from the thread within moments.
     */
    public Accepted accept(String service, List<LogLine> lines) {
        Map<LogRuleSpec, List<Hit>> hits = new LinkedHashMap<>();
        rules.get().stream()
                .filter(rule -> rule.service().equals(service))
                .sorted(Comparator.comparing(LogRuleSpec::name)) // one lock order for every writer
                .forEach(rule -> {
                    List<Hit> mine = new ArrayList<>();
                    for (LogLine line : lines) {
                        Hit.of(rule, line).ifPresent(role -> mine.add(new Hit(role, line)));
                    }
                    if (!mine.isEmpty()) {
                        hits.put(rule, mine);
                    }
                });
        java.util.Set<LogLine> read = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        hits.values().forEach(list -> list.forEach(hit -> read.add(hit.line())));
        int matched = read.size();
        if (hits.isEmpty()) {
            return new Accepted(lines.size(), 0);
        }
        Instant now = clock.instant();
        boolean queued = write(sql -> {
            boolean any = false;
            for (var entry : hits.entrySet()) {
                any |= evaluate(sql, entry.getKey(), entry.getValue(), now);
            }
            return any;
        });
        if (queued) {
            poller.wake();
        }
        return new Accepted(lines.size(), matched);
    }

    /** The thread's work: new rules' rows, deadlines that came, then signals waiting for intake. */
    private void step() {
        ensureRows();
        while (poller.running() && dueStep() == BATCH) {
            // another batch
        }
        while (poller.running() && submitStep() == BATCH) {
            // another batch
        }
    }

    /**
     * When the rule list is new (at start and after a reload): absence rules get a row, whose clock starts now, so
     * silence from the first moment counts; rules whose definition changed, and rows of rules no longer configured,
     * become due at once. Bounded by the number of rules, not by any data.
     */
    private void ensureRows() {
        List<LogRuleSpec> current = rules.get();
        if (current == ensured) {
            return;
        }
        Instant now = clock.instant();
        boolean due = write(sql -> {
            boolean any = false;
            // In name order, as requests lock rules, so the two never wait on each other in a circle.
            for (LogRuleSpec rule : current.stream()
                    .sorted(Comparator.comparing(LogRuleSpec::name))
                    .toList()) {
                Optional<StoredRule> stored = ruleSql.find(sql, rule.name());
                if (stored.isEmpty() && rule.kind() instanceof LogRuleSpec.Absence) {
                    Evaluation fresh = Evaluation.of(rule, null, List.of(), now);
                    ruleSql.insert(sql, row(rule, fresh, now, "watching began", null));
                } else if (stored.isPresent() && !sameRule(stored.get(), rule)) {
                    ruleSql.makeDue(sql, rule.name(), now);
                    any = true;
                }
            }
            return ruleSql.dueUnless(
                                    sql, current.stream().map(LogRuleSpec::name).toList(), now)
                            > 0
                    || any;
        });
        ensured = current;
        if (due) {
            poller.wake();
        }
    }

    private int dueStep() {
        Instant now = clock.instant();
        int[] claimed = {0};
        boolean queued = write(sql -> {
            List<StoredRule> due = ruleSql.due(sql, now, BATCH);
            claimed[0] = due.size();
            boolean any = false;
            for (StoredRule row : due) {
                Optional<LogRuleSpec> rule = rules.get().stream()
                        .filter(r -> r.name().equals(row.rule()))
                        .findFirst();
                if (rule.isEmpty()) {
                    // No longer configured: its alert resolves, and its state and evidence go.
                    if (row.firing()) {
                        any |= queue(
                                sql, row.rule(), row.service(), alerts.resolve(row.rule(), row.service(), now), now);
                    }
                    ruleSql.delete(sql, row.rule());
                } else {
                    any |= evaluate(sql, rule.get(), List.of(), now);
                }
            }
            return any;
        });
        if (queued) {
            poller.wake();
        }
        return claimed[0];
    }

    /** Hands waiting signals to intake in commit order, then forgets them; a crash between submits them again. */
    private int submitStep() {
        List<LogRuleSql.Queued> waiting = read(sql -> ruleSql.queued(sql, BATCH));
        for (LogRuleSql.Queued queued : waiting) {
            submissions.submit(queued.service(), List.of(codec.decode(queued.signal())));
            write(sql -> {
                ruleSql.submitted(sql, queued.id());
                return true;
            });
        }
        return waiting.size();
    }

    /**
     * Evaluates one rule with the lines that matched it (none when its deadline came) and writes the outcome: its
     * state, its evidence and its signals. True when a signal was queued.
     */
    private boolean evaluate(Statements sql, LogRuleSpec rule, List<Hit> hits, Instant now) {
        Optional<StoredRule> stored = ruleSql.find(sql, rule.name());
        boolean sameRule = stored.map(row -> sameRule(row, rule)).orElse(false);
        List<Change> changes = new ArrayList<>();
        boolean queued = false;
        if (stored.isPresent() && !sameRule && stored.get().firing()) {
            // The alert the old rule raised resolves where it was raised, on the service the rule had then.
            String before = stored.get().service();
            queued = queue(sql, rule.name(), before, alerts.resolve(rule.name(), before, now), now);
            changes.add(new Change.Cleared("the rule changed"));
        }
        Evaluation evaluation = Evaluation.of(rule, sameRule ? stored.get().state() : null, hits, now);
        changes.addAll(evaluation.changes());
        Change last = changes.isEmpty() ? null : changes.getLast();
        StoredRule row = row(
                rule,
                evaluation,
                last == null ? stored.map(StoredRule::changedAt).orElse(now) : now,
                last == null ? stored.map(StoredRule::lastChange).orElse(null) : last.text(),
                null);
        boolean written =
                stored.isPresent() ? ruleSql.update(sql, row, stored.get().version()) : ruleSql.insert(sql, row);
        if (!written) {
            throw new LostRace(rule.name());
        }
        List<Hit> kept = hits.subList(Math.max(0, hits.size() - rule.evidence()), hits.size());
        for (Hit hit : kept) {
            ruleSql.match(sql, ids.next(), rule.name(), now, hit);
        }
        if (!kept.isEmpty()) {
            ruleSql.prune(sql, rule.name(), rule.evidence());
        }
        for (Change change : evaluation.changes()) {
            Optional<Signal> signal =
                    switch (change) {
                        case Change.Fired fired ->
                            alerts.trigger(rule, fired.text(), ruleSql.matches(sql, rule.name(), rule.evidence()), now);
                        case Change.Cleared cleared -> alerts.resolve(rule.name(), rule.service(), now);
                    };
            queued |= queue(sql, rule.name(), rule.service(), signal, now);
        }
        return queued;
    }

    /** Whether a row's state was made for this rule as configured now: same kind, pattern, times and service. */
    private static boolean sameRule(StoredRule row, LogRuleSpec rule) {
        return row.definition().equals(rule.kind().definition())
                && row.service().equals(rule.service());
    }

    private static StoredRule row(
            LogRuleSpec rule, Evaluation evaluation, Instant changedAt, String lastChange, Long version) {
        return new StoredRule(
                rule.name(),
                rule.service(),
                rule.kind().wireName(),
                rule.kind().definition(),
                evaluation.state(),
                evaluation.state().firing(),
                changedAt,
                lastChange,
                evaluation.dueAt(),
                version == null ? 0 : version);
    }

    private boolean queue(Statements sql, String rule, String service, Optional<Signal> signal, Instant now) {
        signal.ifPresent(s -> ruleSql.queue(sql, ids.next(), rule, service, codec.encode(s), now));
        return signal.isPresent();
    }

    /** The earliest rule deadline, for the readiness check. */
    Optional<Instant> nextDue() {
        return read(ruleSql::nextDue);
    }

    /** When the oldest signal waiting for intake was queued, for the readiness check. */
    Optional<Instant> oldestQueued() {
        return read(ruleSql::oldestQueued);
    }

    /** Rules, their state and newest matches, for the page and the API; rules of the running config only. */
    public List<RuleView> views() {
        return views.all();
    }

    private <T> T read(java.util.function.Function<Statements, T> query) {
        return store.read(tx -> {
            try (Statements sql = Statements.over(tx)) {
                return query.apply(sql);
            }
        });
    }

    /** Runs a transaction, again when it lost the race to make a rule's first row. */
    private <T> T write(java.util.function.Function<Statements, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return store.write(tx -> {
                    try (Statements sql = Statements.over(tx)) {
                        return work.apply(sql);
                    }
                });
            } catch (LostRace race) {
                if (attempt == ATTEMPTS) {
                    throw race;
                }
            }
        }
    }

    /** Another writer changed a rule's row between our read and our write; the transaction rolls back. */
    private static final class LostRace extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LostRace(String rule) {
            super("log rule " + rule + " was written by another transaction meanwhile", null, false, false);
        }
    }

    @Override
    public void close() {
        poller.close();
    }
}
