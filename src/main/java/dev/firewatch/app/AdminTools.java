package dev.firewatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.alert.AlertPage;
import dev.firewatch.alert.AlertQuery;
import dev.firewatch.alert.AlertState;
import dev.firewatch.alert.Alerts;
import dev.firewatch.alert.route.RouteTree;
import dev.firewatch.alert.route.SeverityLadder;
import dev.firewatch.alert.silence.SilenceRoutes;
import dev.firewatch.alert.silence.Silences;
import dev.firewatch.auth.Actor;
import dev.firewatch.auth.ApiKeys;
import dev.firewatch.auth.AuditLog;
import dev.firewatch.auth.PasswordHasher;
import dev.firewatch.auth.Tokens;
import dev.firewatch.auth.Users;
import dev.firewatch.config.FirewatchConfig;
import dev.firewatch.heartbeat.Heartbeats;
import dev.firewatch.incident.Assignees;
import dev.firewatch.incident.Incident;
import dev.firewatch.incident.IncidentState;
import dev.firewatch.incident.Incidents;
import dev.firewatch.oncall.ScheduleSpec;
import dev.firewatch.oncall.ScheduleViews;
import dev.firewatch.oncall.Schedules;
import dev.firewatch.paging.DryRun;
import dev.firewatch.paging.DryRunConfig;
import dev.firewatch.paging.DryRunWalk;
import dev.firewatch.spelling.DidYouMean;
import dev.firewatch.store.Ids;
import dev.firewatch.store.Keyset;
import dev.firewatch.store.Migrations;
import dev.firewatch.store.Store;
import dev.firewatch.store.StoreException;
import dev.firewatch.web.Json;
import dev.firewatch.web.Listing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * What command-line tools do directly on the store, without a server. They work while a server runs on
 * the same store: SQLite's WAL and busy timeout let both write in turn. Listings come back as the JSON the
 * API returns, so `--output json` prints exactly that and tables are drawn from the same data.
 */
public final class AdminTools implements AutoCloseable {
    private final FirewatchConfig config;
    private final Store store;
    private final ApiKeys apiKeys;
    private final Users users;
    private final Incidents incidents;
    private final Alerts alerts;
    private final Silences silences;
    private final Schedules schedules;
    private final Clock clock;
    private final ObjectMapper json = Json.mapper();

    private AdminTools(FirewatchConfig config, Store store, Clock clock) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        Ids ids = new Ids(clock);
        AuditLog audit = new AuditLog(store, ids, clock);
        this.apiKeys = new ApiKeys(store, ids, new Tokens(), audit, clock);
        this.users = new Users(store, ids, new PasswordHasher(PasswordHasher.PRODUCTION_COST), audit, clock);
        this.incidents = new Incidents(
                store,
                ids,
                clock,
                new SeverityLadder(config.severities()).names(),
                config.server().publicUrl(),
                Assignees.respondersOf(config::users, DidYouMean::hint));
        this.alerts = new Alerts(store);
        this.silences = new Silences(store, ids, clock, audit);
        this.schedules = new Schedules(config::schedules, config::users, store, ids, clock, audit);
    }

    public static AdminTools open(FirewatchConfig config, Path dataDir) {
        Store store = Store.open(config.store(), dataDir, new SimpleMeterRegistry());
        Migrations migrations = new Migrations(store);
        if (!migrations.migrate()) {
            String reason = migrations.state() instanceof Migrations.State.Failed failed ? failed.reason() : "unknown";
            store.close();
            throw new StoreException("cannot open " + store.description() + ": " + reason, null);
        }
        return new AdminTools(config, store, Clock.systemUTC());
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public Users users() {
        return users;
    }

    /** {@code GET /api/v1/incidents}, as JSON. */
    public JsonNode incidents(Set<IncidentState> states, String service, int limit) {
        Keyset.Page<Incident> page =
                Keyset.Page.of(incidents.list(states, service, null, limit + 1), limit, Incident::id);
        return json.valueToTree(Listing.of("incidents", page.rows(), page.older()));
    }

    /** {@code POST /api/v1/incidents/{id}/acknowledge} (or resolve, escalate, unacknowledge), as JSON. */
    public JsonNode act(String action, String idOrNumber, Actor actor) {
        BiFunction<String, String, Incident> move =
                switch (action) {
                    case "acknowledge" -> incidents::acknowledge;
                    case "resolve" -> incidents::resolve;
                    case "escalate" -> incidents::escalate;
                    case "unacknowledge" -> incidents::unacknowledge;
                    default -> throw new IllegalArgumentException("no such action: " + action);
                };
        return json.valueToTree(move.apply(idOrNumber, actor.name()));
    }

    /**
     * {@code POST /api/v1/incidents/{id}/snooze}, as JSON.
     *
     * @throws IllegalArgumentException when the length is under a minute or over a day
     */
    public JsonNode snooze(String idOrNumber, Duration length, Actor actor) {
        return json.valueToTree(incidents.snooze(idOrNumber, length, actor.name()));
    }

    /**
     * {@code POST /api/v1/incidents/{id}/reassign}, as JSON.
     *
     * @throws IllegalArgumentException when the config declares no such user
     */
    public JsonNode reassign(String idOrNumber, String user, Actor actor) {
        return json.valueToTree(incidents.reassign(idOrNumber, user, actor.name()));
    }

    /** {@code GET /api/v1/alerts}, as JSON. */
    public JsonNode alerts(Set<AlertState> states, String service, int limit) {
        AlertPage page = alerts.page(new AlertQuery(states, service, Map.of(), null, limit));
        return json.valueToTree(Listing.of("alerts", page.alerts(), page.older()));
    }

    /** {@code GET /api/v1/heartbeats}, as JSON: read from the store, so it sends no alerts and runs no scheduler. */
    public JsonNode heartbeats() {
        Heartbeats heartbeats = new Heartbeats(
                store,
                new Ids(clock),
                clock,
                config::heartbeats,
                service -> Optional.empty(),
                (service, signals) -> {
                    throw new IllegalStateException("the command line sends no heartbeat alerts");
                },
                config.server().publicUrl());
        return json.valueToTree(Listing.of("heartbeats", heartbeats.all(), null));
    }

    /** {@code GET /api/v1/silences}, as JSON. */
    public JsonNode silences() {
        Instant now = clock.instant();
        return json.valueToTree(Listing.of(
                "silences",
                silences.list().stream().map(s -> SilenceRoutes.view(s, now)).toList(),
                null));
    }

    /**
     * Makes a silence; every problem with it at once in the exception's message.
     *
     * @throws IllegalArgumentException when the silence is refused
     */
    public JsonNode silence(Actor actor, String matchers, Instant startsAt, Instant endsAt, String comment) {
        try {
            return json.valueToTree(
                    SilenceRoutes.view(silences.create(actor, matchers, startsAt, endsAt, comment), clock.instant()));
        } catch (Silences.Refused refused) {
            throw new IllegalArgumentException(String.join("\n", refused.problems()), refused);
        }
    }

    public JsonNode expireSilence(Actor actor, String id) {
        return json.valueToTree(SilenceRoutes.view(silences.expire(actor, id), clock.instant()));
    }

    /** Who is on call at {@code at} on one schedule or all: {@code {"on_call": [...]}} of the API's answers. */
    public JsonNode onCall(Optional<String> schedule, Instant at) {
        List<ScheduleViews.OnCallView> answers = new ArrayList<>();
        for (var spec : config.schedules()) {
            if (schedule.map(spec.name()::equals).orElse(true)) {
                answers.add(
                        ScheduleViews.onCall(schedules.schedule(spec.name(), at).orElseThrow(), at));
            }
        }
        if (schedule.isPresent() && answers.isEmpty()) {
            throw new NoSuchElementException("no schedule named \"" + schedule.get() + "\"; schedules: "
                    + config.schedules().stream().map(ScheduleSpec::name).collect(Collectors.joining(", ")));
        }
        return json.valueToTree(Listing.of("on_call", answers, null));
    }

    /** {@code GET /api/v1/schedules/{name}/shifts}, or a person's shifts on every schedule, as JSON. */
    public JsonNode shifts(Optional<String> schedule, Optional<String> user, Instant from, Instant to) {
        List<ScheduleViews.ShiftView> shifts = new ArrayList<>();
        if (user.isPresent()) {
            schedules.shiftsOf(user.get(), from, to).stream()
                    .filter(p -> schedule.map(p.schedule()::equals).orElse(true))
                    .forEach(p -> shifts.add(ScheduleViews.shift(p.schedule(), p.shift())));
        } else {
            String name = schedule.orElseThrow();
            var found = schedules
                    .schedule(name, from)
                    .orElseThrow(() -> new NoSuchElementException("no schedule named \"" + name + "\""));
            found.shifts(from, to).forEach(s -> shifts.add(ScheduleViews.shift(name, s)));
        }
        return json.valueToTree(Listing.of("shifts", shifts, null));
    }

    /**
     * Makes an override, as {@code POST /api/v1/schedules/{name}/overrides} does.
     *
     * @throws IllegalArgumentException when it is refused, saying why
     */
    public JsonNode override(Actor actor, String schedule, String user, Instant start, Instant end, String reason) {
        try {
            return json.valueToTree(schedules.override(actor, schedule, user, start, end, reason));
        } catch (Schedules.Refused refused) {
            throw new IllegalArgumentException(refused.getMessage(), refused);
        }
    }

    /** Overrides that have not ended, of one schedule or all. */
    public JsonNode overrides(Optional<String> schedule) {
        return json.valueToTree(Listing.of(
                "overrides",
                schedules.overridesNotEnded(schedule, clock.instant()).stream().toList(),
                null));
    }

    /** @throws NoSuchElementException when no override has that id */
    public JsonNode removeOverride(Actor actor, String id) {
        return json.valueToTree(schedules.removeOverride(actor, id));
    }

    /** The config pieces a dry run reads, for checking what a command was asked before it walks. */
    public DryRunConfig dryRunConfig() {
        return DryRunConfigs.of(config);
    }

    /**
     * {@code GET /api/v1/paging/dry-run}: every page an incident would get, with the overrides in the store.
     *
     * @throws IllegalArgumentException for a service or severity the config does not have
     */
    public DryRunWalk dryRun(String service, String severity, Instant at) {
        return new DryRun(dryRunConfig(), schedules::schedule).walk(service, severity, at);
    }

    /** {@code GET /api/v1/logs/rules}, as JSON. */
    public JsonNode logRules() {
        return json.valueToTree(Listing.of(
                "rules", new dev.firewatch.logwatch.LogRuleViews(store, clock, config::logRules).all(), null));
    }

    /** Where an alert with these labels, sent with this service's key, would go, and why. */
    public List<String> routeTest(Map<String, String> labels, String service) {
        return new RouteTree(config.routes()).route(labels, service).explanation();
    }

    @Override
    public void close() {
        store.close();
    }

    /** {@code GET /api/v1/monitors}, as JSON: the configured monitors with the states their rows last said. */
    public JsonNode monitors(int limit) {
        // Only reads: the history writer is never started here, so it writes nothing beside the server.
        dev.firewatch.probe.Monitors monitors = dev.firewatch.probe.Monitors.stored(
                config::monitors,
                new dev.firewatch.probe.ProbeHistory(
                        store, clock, () -> config.monitoring().history()),
                clock);
        var page = monitors.page(null, limit + 1);
        String next = page.size() > limit ? page.get(limit - 1).name() : null;
        return json.valueToTree(
                Listing.of("monitors", monitors.views(page.subList(0, Math.min(limit, page.size()))), next));
    }
}
