package dev.firewatch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.alert.AlertBatch;
import dev.firewatch.alert.AlertExpiry;
import dev.firewatch.alert.AlertPipeline;
import dev.firewatch.alert.AlertRoutes;
import dev.firewatch.alert.Alerts;
import dev.firewatch.alert.Suppressions;
import dev.firewatch.alert.inhibit.InhibitRules;
import dev.firewatch.alert.route.RouteTree;
import dev.firewatch.alert.route.SeverityLadder;
import dev.firewatch.alert.silence.MaintenanceWindows;
import dev.firewatch.alert.silence.SilenceRoutes;
import dev.firewatch.alert.silence.Silences;
import dev.firewatch.auth.Access;
import dev.firewatch.auth.AccessGate;
import dev.firewatch.auth.ApiKeys;
import dev.firewatch.auth.AuditLog;
import dev.firewatch.auth.AuthRoutes;
import dev.firewatch.auth.PasswordHasher;
import dev.firewatch.auth.RateLimiter;
import dev.firewatch.auth.Sessions;
import dev.firewatch.auth.Tokens;
import dev.firewatch.auth.Users;
import dev.firewatch.config.FirewatchConfig;
import dev.firewatch.escalation.EscalationPolicySpec;
import dev.firewatch.health.DatabaseCheck;
import dev.firewatch.health.HealthRoutes;
import dev.firewatch.health.HttpMetrics;
import dev.firewatch.health.OutboundHeartbeat;
import dev.firewatch.health.Readiness;
import dev.firewatch.heartbeat.HeartbeatCheck;
import dev.firewatch.heartbeat.HeartbeatRoutes;
import dev.firewatch.heartbeat.Heartbeats;
import dev.firewatch.home.HomeRoutes;
import dev.firewatch.incident.ActionLinks;
import dev.firewatch.incident.Assignees;
import dev.firewatch.incident.IncidentBus;
import dev.firewatch.incident.IncidentNotice;
import dev.firewatch.incident.IncidentRoutes;
import dev.firewatch.incident.IncidentState;
import dev.firewatch.incident.Incidents;
import dev.firewatch.incident.LinkRoutes;
import dev.firewatch.intake.Admission;
import dev.firewatch.intake.Backlog;
import dev.firewatch.intake.Changes;
import dev.firewatch.intake.DigestRoutes;
import dev.firewatch.intake.Digests;
import dev.firewatch.intake.IntakeRoutes;
import dev.firewatch.intake.Journal;
import dev.firewatch.intake.JournalConsumer;
import dev.firewatch.intake.SignalCodec;
import dev.firewatch.intake.StormCheck;
import dev.firewatch.intake.Submissions;
import dev.firewatch.intake.Webhooks;
import dev.firewatch.logwatch.LogRoutes;
import dev.firewatch.logwatch.LogRules;
import dev.firewatch.logwatch.LogRulesCheck;
import dev.firewatch.notify.ChannelSpec;
import dev.firewatch.notify.ChannelTestRoutes;
import dev.firewatch.notify.Notification;
import dev.firewatch.notify.NotificationRoutes;
import dev.firewatch.notify.Outbox;
import dev.firewatch.notify.OutboxCheck;
import dev.firewatch.notify.OutboxEntry;
import dev.firewatch.notify.OutboxWorker;
import dev.firewatch.notify.Senders;
import dev.firewatch.oncall.Calendars;
import dev.firewatch.oncall.OnCallPages;
import dev.firewatch.oncall.OnCallRoutes;
import dev.firewatch.oncall.Schedules;
import dev.firewatch.oncall.Shift;
import dev.firewatch.paging.Directory;
import dev.firewatch.paging.DryRunPages;
import dev.firewatch.paging.Pager;
import dev.firewatch.paging.Paging;
import dev.firewatch.paging.PersonSpec;
import dev.firewatch.paging.PolicyPages;
import dev.firewatch.paging.SchedulerCheck;
import dev.firewatch.probe.Connectivity;
import dev.firewatch.probe.MonitorRoutes;
import dev.firewatch.probe.MonitorScheduler;
import dev.firewatch.probe.MonitorStates;
import dev.firewatch.probe.Monitors;
import dev.firewatch.probe.ProbeHistory;
import dev.firewatch.probe.ProbesCheck;
import dev.firewatch.service.ServiceSpec;
import dev.firewatch.service.Services;
import dev.firewatch.spelling.DidYouMean;
import dev.firewatch.store.Ids;
import dev.firewatch.store.Migrations;
import dev.firewatch.store.Store;
import dev.firewatch.web.AssetRoutes;
import dev.firewatch.web.Format;
import dev.firewatch.web.Json;
import dev.firewatch.web.Pages;
import dev.firewatch.web.Requests;
import dev.firewatch.web.RouteSet;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds every object of a running Firewatch by hand, in dependency order. This is the one place that
 * sees every feature: read it top to bottom to see how the parts connect.
 */
public final class Firewatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Firewatch.class);

    /**
     * What the command line decides beside the config file.
     *
     * @param port overrides {@code server.port} when not null (0 picks a free port, as tests do)
     * @param passwordCost bcrypt cost; tests lower it to stay fast
     */
    public record Options(Path dataDir, Integer port, Map<String, String> environment, Clock clock, int passwordCost) {
        public static Options defaults(Path dataDir, Integer port) {
            return new Options(dataDir, port, System.getenv(), Clock.systemUTC(), PasswordHasher.PRODUCTION_COST);
        }
    }

    private final Store store;
    private final Store journalStore;
    private final Migrations migrations;
    private final Readiness readiness;
    private final Javalin server;
    private final ConfigReloader reloader;
    private final Thread storeSetUp;
    private final Journal journal;
    private final JournalConsumer consumer;
    private final AlertExpiry expiry;
    private final IncidentBus bus;
    private final Paging paging;
    private final OutboxWorker outboxWorker;
    private final java.util.Optional<OutboundHeartbeat> heartbeat;
    private final ActionLinks actionLinks;
    private final Runnable closeProbes;
    private final Heartbeats heartbeats;
    private final LogRules logRules;

    private Firewatch(
            Store store,
            Store journalStore,
            Migrations migrations,
            Readiness readiness,
            Javalin server,
            ConfigReloader reloader,
            Thread storeSetUp,
            Journal journal,
            JournalConsumer consumer,
            AlertExpiry expiry,
            IncidentBus bus,
            Paging paging,
            OutboxWorker outboxWorker,
            java.util.Optional<OutboundHeartbeat> heartbeat,
            ActionLinks actionLinks,
            Runnable closeProbes,
            Heartbeats heartbeats,
            LogRules logRules) {
        this.store = store;
        this.journalStore = journalStore;
        this.migrations = migrations;
        this.readiness = readiness;
        this.server = server;
        this.reloader = reloader;
        this.storeSetUp = storeSetUp;
        this.journal = journal;
        this.consumer = consumer;
        this.expiry = expiry;
        this.bus = bus;
        this.paging = paging;
        this.outboxWorker = outboxWorker;
        this.heartbeat = heartbeat;
        this.actionLinks = actionLinks;
        this.closeProbes = closeProbes;
        this.heartbeats = heartbeats;
        this.logRules = logRules;
    }

    public static Firewatch start(FirewatchConfig config, Options options) {
        Clock clock = options.clock();
        PrometheusMeterRegistry registry = Metrics.registry();

        Store store = Store.open(config.store(), options.dataDir(), registry);
        Migrations migrations = new Migrations(store);
        // On SQLite the intake journal has a file, and so a write lock, of its own (see Store.openJournal).
        Store journalStore =
                Store.openJournal(config.store(), options.dataDir(), registry).orElse(store);
        Migrations journalMigrations = journalStore == store ? migrations : new Migrations(journalStore);
        Ids ids = new Ids(clock);
        Tokens tokens = new Tokens();

        AuditLog audit = new AuditLog(store, ids, clock);
        Users users = new Users(store, ids, new PasswordHasher(options.passwordCost()), audit, clock);
        Sessions sessions = new Sessions(store, tokens, clock, config.auth().sessionTtl());
        ApiKeys apiKeys = new ApiKeys(store, ids, tokens, audit, clock);
        AccessGate gate =
                new AccessGate(sessions, apiKeys, new RateLimiter(config.auth().apiRequestsPerMinute(), clock));
        RateLimiter loginLimiter = new RateLimiter(config.auth().loginAttemptsPerMinute(), clock);

        ConfigReloader reloader = new ConfigReloader(config, options.environment(), users, audit, clock);
        Services services = new Services(() -> reloader.current().services());

        // The way an alert travels: intake journal ─► consumer ─► alert stages ─► incidents.
        Incidents incidents = new Incidents(
                store,
                ids,
                clock,
                new SeverityLadder(config.severities()).names(),
                config.server().publicUrl(),
                Assignees.respondersOf(() -> reloader.current().users(), DidYouMean::hint));
        // One-click links in notifications; the signing key is loaded once the schema is in place (setUp).
        ActionLinks actionLinks = new ActionLinks(
                store,
                clock,
                () -> reloader.current().notifications().delivery().linksValidFor(),
                config.server().publicUrl());
        Alerts alerts = new Alerts(store);
        Silences silences = new Silences(store, ids, clock, audit);
        Suppressions suppressions = new Suppressions(
                silences,
                new PerConfig<>(reloader::current, c -> new MaintenanceWindows(c.maintenance())),
                new PerConfig<>(reloader::current, c -> new InhibitRules(c.inhibitRules())));
        AlertPipeline alertPipeline = new AlertPipeline(
                ids,
                incidents,
                suppressions,
                new PerConfig<>(reloader::current, c -> new RouteTree(c.routes())),
                new PerConfig<>(reloader::current, c -> new SeverityLadder(c.severities())),
                service -> services.byName(service).map(ServiceSpec::dependsOn).orElse(List.of()),
                service -> services.byName(service).map(ServiceSpec::groupBy).orElse(List.of()));
        SignalCodec codec = new SignalCodec();
        // Under a storm, admission folds events below critical into per-service digests, by how far the
        // consumer is behind: the backlog, counted from the journal's commits and the consumer's progress.
        Backlog backlog = new Backlog();
        Admission admission = new Admission(() -> reloader.current().intake().storm(), backlog, registry);
        Digests digests = new Digests(store, ids);
        JournalConsumer consumer = new JournalConsumer(
                store,
                journalStore,
                clock,
                codec,
                (tx, entries) -> {
                    try (AlertBatch batch = alertPipeline.batch(tx)) {
                        batch.lookAhead(entries.stream()
                                .map(entry -> new AlertBatch.Incoming(entry.service(), entry.signal()))
                                .toList());
                        entries.forEach(entry -> batch.process(entry.service(), entry.signal(), entry.receivedAt()));
                    }
                    // The incidents this batch opened are paged in this same transaction, so their pages leave
                    // after one commit instead of waiting for the bus's thread and a transaction of its own.
                    incidents.bus().deliverWithin(tx);
                },
                digests,
                backlog,
                256,
                registry);
        AlertExpiry expiry = new AlertExpiry(
                store,
                alertPipeline,
                () -> resolveTimeouts(services.all()),
                consumer::processedThrough,
                clock,
                incidents.bus()::wake);
        Changes changes = new Changes(store, ids);
        // On-call: schedules from the running config, overrides from the store; paging asks whoIsOnCall(at).
        Schedules schedules = new Schedules(
                () -> reloader.current().schedules(), () -> reloader.current().users(), store, ids, clock, audit);
        Calendars calendars = new Calendars(schedules, store, tokens, clock, audit);
        // Paging: incident bus ─► escalation (steps, waits, repeats) ─► outbox ─► channel senders.
        ObjectMapper json = Json.mapper();
        Outbox outbox = new Outbox(store, ids);
        OutboxWorker outboxWorker = new OutboxWorker(
                store,
                outbox,
                senders(config, () -> reloader.current().notifications().smtp(), clock, json),
                destinations(reloader),
                (sql, incidentId, queuedAt) -> incidents
                        .current(sql, incidentId)
                        .filter(incident -> incident.state() != IncidentState.TRIGGERED)
                        .filter(incident -> !changedBefore(incident, queuedAt))
                        .map(incident -> incident.state() == IncidentState.ACKNOWLEDGED
                                ? "acknowledged at " + Format.when(incident.acknowledgedAt())
                                : "resolved at " + Format.when(incident.resolvedAt())),
                (sql, incidentId, at, text) -> incidents.note(sql, incidentId, at, "notification", text, null),
                () -> reloader.current().notifications().delivery(),
                clock,
                json,
                registry);
        Directory directory = directory(reloader, services, schedules);
        Paging paging = new Paging(
                store,
                new Pager(
                        outbox,
                        directory,
                        incidents,
                        // Called inside paging's write transaction: ActionLinks signs with the key it loaded at
                        // set-up and never touches the store.
                        (incidentId, number, recipient) -> {
                            ActionLinks.Links made = actionLinks.links(incidentId, number, recipient);
                            return new Notification.Links(made.incident(), made.acknowledge(), made.resolve());
                        },
                        alerts::newestOfIncident,
                        json,
                        store.vendor()),
                directory,
                incidents,
                clock);
        incidents.bus().subscribe(Paging.LISTENER, paging::on);
        io.micrometer.core.instrument.Gauge.builder("firewatch.notifications.dead", outbox, o -> o.deadCount(10_000))
                .description("Dead letters: notifications given up on after every attempt, until sent again or"
                        + " dismissed (counted up to 10000)")
                .register(registry);
        Journal journal = new Journal(journalStore, ids, clock, codec, 2_000, committed -> {
            backlog.committed(committed);
            consumer.wake();
        });
        journal.handRowsTo(consumer);
        // Every source, outside or our own, enters the pipeline here: admission, then the durable journal.
        Submissions submissions = new Submissions(admission, journal);
        // Monitors (issue 5): the scheduler runs each monitor's checks on virtual threads at planned times; each
        // result moves the monitor's state, whose triggers and resolves enter through Submissions like any
        // source's; the history writer commits results, roll-ups and state rows in batches. The connectivity
        // canaries tell "they are down" from "we are cut off".
        // A monitor whose URL is a path alone (the example's /readyz) checks this server, once it listens.
        java.util.concurrent.atomic.AtomicReference<java.util.Optional<java.net.URI>> ownAddress =
                new java.util.concurrent.atomic.AtomicReference<>(java.util.Optional.empty());
        ProbeHistory probeHistory = new ProbeHistory(
                store, clock, () -> reloader.current().monitoring().history());
        Connectivity connectivity = new Connectivity(
                () -> reloader.current().connectivity(), probeHistory, submissions, services::byName, clock);
        MonitorStates monitorStates = new MonitorStates(
                probeHistory,
                submissions,
                services::byName,
                connectivity::cutOff,
                () -> reloader.current().monitoring().flapping(),
                config.server().publicUrl(),
                clock,
                registry);
        MonitorScheduler monitorScheduler = new MonitorScheduler(
                () -> reloader.current().monitors(),
                new dev.firewatch.probe.Checks(clock, ownAddress::get),
                monitorStates,
                () -> reloader.current().monitoring().perHostLimit(),
                clock,
                registry);
        Monitors monitors = Monitors.live(() -> reloader.current().monitors(), monitorStates, probeHistory, clock);
        // Heartbeats (dead-man's switches): each ping is a row, each deadline a due_at the scheduler claims; a
        // late, failed or unfinished run is a signal like any sender's, through Submissions.
        Heartbeats heartbeats = new Heartbeats(
                store,
                ids,
                clock,
                () -> reloader.current().heartbeats(),
                service -> services.byName(service).map(ServiceSpec::integrationKey),
                submissions::submit,
                config.server().publicUrl());
        // Log watchdogs: lines sent to POST /api/v1/logs are evaluated against log_rules as they arrive (the lines
        // are not stored); rule state, evidence and deadlines are rows, and a rule that fires or clears submits
        // through Submissions like every other source.
        LogRules logRules =
                new LogRules(store, ids, clock, () -> reloader.current().logRules(), services, submissions, codec);
        Runnable setUp = () -> {
            if (journalMigrations != migrations && !journalMigrations.migrate()) {
                throw new IllegalStateException(
                        "the intake journal's database is not ready: " + journalMigrations.state());
            }
            users.sync(config.users());
            String adminName = Users.firstAdmin(config.users());
            users.bootstrapAdmin(adminName, options.environment().get("FIREWATCH_ADMIN_PASSWORD"), tokens)
                    .ifPresent(password -> announceAdminPassword(adminName, password));
            actionLinks.load();
            consumer.start();
            expiry.start();
            incidents.bus().start();
            paging.start();
            outboxWorker.start();
            probeHistory.start();
            connectivity.start();
            monitorScheduler.start();
            heartbeats.start();
            logRules.start();
        };
        // The schema is brought up to date on a thread of its own while the HTTP server starts beside it, so
        // boot takes the longer of the two, not their sum. Until it is done /readyz says so, and other
        // requests get a 503 saying Firewatch is starting. A database that is down is retried: the server
        // never refuses to boot over it.
        Thread storeSetUp = Thread.ofVirtual().name("store-set-up").start(() -> setUpStore(migrations, setUp));

        Readiness readiness = new Readiness(
                readinessChecks(
                        store,
                        migrations,
                        journalStore,
                        journalMigrations,
                        reloader,
                        List.of(
                                new StormCheck(admission),
                                SchedulerCheck.of(paging, clock),
                                new OutboxCheck(outbox, outboxWorker::openBreakers, clock),
                                new ProbesCheck(monitorScheduler, connectivity, clock),
                                HeartbeatCheck.of(heartbeats, clock),
                                LogRulesCheck.of(logRules, clock))),
                Duration.ofMillis(2500));
        // Who watches the watcher: pings an outside dead-man's switch while nothing above is failing.
        java.util.Optional<OutboundHeartbeat> heartbeat =
                config.outboundHeartbeat().map(spec -> new OutboundHeartbeat(spec, readiness));
        heartbeat.ifPresent(OutboundHeartbeat::start);
        Pages pages = new Pages();
        Requests requests = new Requests(json);
        HttpMetrics httpMetrics = new HttpMetrics(registry);

        IntakeRoutes intake = new IntakeRoutes(
                services, new Webhooks(() -> reloader.current().webhooks()), submissions, changes, clock);
        List<RouteSet> routeSets = List.of(
                new AssetRoutes(Access.PUBLIC),
                new HealthRoutes(readiness, registry),
                new AuthRoutes(
                        users,
                        sessions,
                        apiKeys,
                        audit,
                        loginLimiter,
                        tokens,
                        pages,
                        requests,
                        config.server().https()),
                new HomeRoutes(
                        () -> reloader.current().services(),
                        () -> reloader.current().channels(),
                        readiness,
                        pages),
                intake,
                new DigestRoutes(digests),
                new HeartbeatRoutes(heartbeats, pages, clock),
                new NotificationRoutes(outbox, outboxWorker, clock, pages, audit),
                new AlertRoutes(
                        alerts,
                        pages,
                        () -> services.all().stream().map(ServiceSpec::name).toList(),
                        () -> digests.storms(clock.instant().minus(Duration.ofHours(1)))),
                new SilenceRoutes(silences, requests, clock, pages),
                new IncidentRoutes(
                        incidents,
                        alerts::ofIncident,
                        json,
                        pages,
                        requests,
                        (service, at) -> changes.between(service, at.minus(Duration.ofHours(2)), at, 20).stream()
                                .map(c -> Format.when(c.at()) + "  " + c.summary()
                                        + (c.source() == null ? "" : " (" + c.source() + ")"))
                                .toList(),
                        (incidentId, limit) -> outbox.ofIncident(incidentId, limit).stream()
                                .map(n -> new IncidentNotice(
                                        n.destination(),
                                        n.event(),
                                        n.state().wireName(),
                                        n.attempts(),
                                        n.createdAt(),
                                        n.sentAt(),
                                        n.detail()))
                                .toList()),
                new LinkRoutes(actionLinks, incidents, pages),
                new OnCallPages(
                        schedules,
                        calendars,
                        () -> reloader.current().users(),
                        pages,
                        clock,
                        config.server().publicUrl()),
                new OnCallRoutes(
                        schedules, calendars, requests, clock, config.server().publicUrl()),
                new ChannelTestRoutes(
                        () -> reloader.current().channels(),
                        () -> reloader.current().notifications(),
                        config.server().publicUrl(),
                        clock,
                        pages),
                // Pre-flight for paging: the running config and the store's overrides, read at each request.
                new DryRunPages(() -> DryRunConfigs.of(reloader.current()), schedules::schedule, pages, clock),
                new PolicyPages(() -> DryRunConfigs.of(reloader.current()), schedules::schedule, pages, clock),
                new MonitorRoutes(monitors, pages, clock),
                new LogRoutes(logRules, services, pages, registry),
                reloader.routes());

        Javalin server = HttpServer.create(
                config.server(), options.port(), json, migrations::ready, gate, httpMetrics, pages, routeSets, intake);
        server.start();
        ownAddress.set(java.util.Optional.of(ownAddress(config.server().host(), server.port())));
        log.info(
                "Firewatch {} listening on http://{}:{} with {}",
                Version.current(),
                config.server().host(),
                server.port(),
                store.description());
        return new Firewatch(
                store,
                journalStore,
                migrations,
                readiness,
                server,
                reloader,
                storeSetUp,
                journal,
                consumer,
                expiry,
                incidents.bus(),
                paging,
                outboxWorker,
                heartbeat,
                actionLinks,
                () -> {
                    monitorScheduler.close();
                    connectivity.close();
                    probeHistory.close();
                },
                heartbeats,
                logRules);
    }

    /** Where this server answers itself: the loopback address when it listens on every interface. */
    private static java.net.URI ownAddress(String host, int port) {
        String reach = host.isBlank() || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return java.net.URI.create("http://" + (reach.contains(":") ? "[" + reach + "]" : reach) + ":" + port);
    }

    private static Map<String, Duration> resolveTimeouts(List<ServiceSpec> services) {
        Map<String, Duration> timeouts = new LinkedHashMap<>();
        services.forEach(service -> service.resolveTimeout().ifPresent(t -> timeouts.put(service.name(), t)));
        return timeouts;
    }

    private static void setUpStore(Migrations migrations, Runnable setUp) {
        try {
            while (!migrations.migrate(setUp)) {
                Thread.sleep(Duration.ofSeconds(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void announceAdminPassword(String name, String password) {
        // Printed, not logged through a framework that may ship logs elsewhere; shown this once only.
        System.out.println();
        System.out.println("  First start: created the admin user \"" + name + "\" with password");
        System.out.println();
        System.out.println("      " + password);
        System.out.println();
        System.out.println("  It is not shown again. Sign in and set another under Settings → Users,");
        System.out.println("  or set FIREWATCH_ADMIN_PASSWORD before the first start next time.");
        System.out.println();
    }

    /** SIGHUP re-reads the config file, as it does for most Unix daemons. */
    public void reloadOnHangup() {
        Signals.onHangup(() -> reloader.reload(new dev.firewatch.auth.Actor("signal:HUP", null)));
    }

    /** Waits until the store is set up, as {@code /readyz} would say; false when it is not within the time. */
    public boolean awaitStore(Duration limit) throws InterruptedException {
        return storeSetUp.join(limit) && migrations.ready();
    }

    public int port() {
        return server.port();
    }

    /** Where features that act on incidents (paging, status page) subscribe. */
    public IncidentBus incidentBus() {
        return bus;
    }

    /** The one-click links notifications carry; usable once the store is set up. */
    public ActionLinks actionLinks() {
        return actionLinks;
    }

    /** The HTTP server, for tests that walk every registered route. */
    public Javalin http() {
        return server;
    }

    private static List<dev.firewatch.health.Check> readinessChecks(
            Store store,
            Migrations migrations,
            Store journalStore,
            Migrations journalMigrations,
            ConfigReloader reloader,
            List<dev.firewatch.health.Check> features) {
        List<dev.firewatch.health.Check> checks = new java.util.ArrayList<>();
        checks.add(new DatabaseCheck("database", store, migrations));
        if (journalStore != store) {
            checks.add(new DatabaseCheck("journal", journalStore, journalMigrations));
        }
        checks.addAll(features);
        checks.add(reloader.check());
        return List.copyOf(checks);
    }

    /** Whether the incident's acknowledgement or resolve came before {@code at}, so a page queued then still counts. */
    private static boolean changedBefore(dev.firewatch.incident.Incident incident, java.time.Instant at) {
        java.time.Instant changed =
                incident.state() == IncidentState.RESOLVED ? incident.resolvedAt() : incident.acknowledgedAt();
        return changed != null && changed.isBefore(at);
    }

    /** One sender per channel type. */
    private static Senders senders(
            FirewatchConfig config,
            java.util.function.Supplier<java.util.Optional<dev.firewatch.notify.SmtpSpec>> smtp,
            Clock clock,
            ObjectMapper json) {
        var delivery = config.notifications().delivery();
        var http = new dev.firewatch.notify.PostClient(delivery.timeout());
        return new Senders(dev.firewatch.notify.ChannelTypes.senders(http, delivery, smtp, clock, json), smtp);
    }

    /** Where a notification's recipient and method lead, in the running config. */
    private static OutboxWorker.Destinations destinations(ConfigReloader reloader) {
        return new OutboxWorker.Destinations() {
            @Override
            public java.util.Optional<ChannelSpec> of(OutboxEntry.RecipientKind kind, String recipient, String method) {
                var config = reloader.current();
                return switch (kind) {
                    case CHANNEL -> config.channel(recipient);
                    case USER -> config.person(recipient).flatMap(person -> person.method(method));
                };
            }

            @Override
            public java.util.Optional<String> fallbackAfter(String user, String method) {
                return reloader.current()
                        .person(user)
                        .flatMap(person -> person.fallbackAfter(method))
                        .map(ChannelSpec::name);
            }
        };
    }

    /** What paging looks up: the running config's policies, people and service channels, and who is on call. */
    private static Directory directory(ConfigReloader reloader, Services services, Schedules schedules) {
        return new Directory() {
            @Override
            public java.util.Optional<EscalationPolicySpec> policyFor(String service) {
                return reloader.current().escalationPolicyFor(service);
            }

            @Override
            public java.util.Optional<PersonSpec> person(String name) {
                return reloader.current().person(name);
            }

            @Override
            public List<String> subscribers(String service) {
                return services.byName(service).map(ServiceSpec::channels).orElse(List.of());
            }

            @Override
            public java.util.Optional<ChannelSpec> channel(String name) {
                return reloader.current().channel(name);
            }

            @Override
            public java.util.Optional<String> unusable(ChannelSpec destination) {
                // One rule for the engine, the dry run and check-config.
                return dev.firewatch.paging.DryRunConfig.whyUnusable(
                        destination, reloader.current().notifications().smtp().isPresent());
            }

            @Override
            public java.util.Optional<String> onCall(String schedule, java.time.Instant at) {
                return schedules
                        .schedule(schedule, at)
                        .flatMap(s -> s.whoIsOnCall(at))
                        .map(Shift::user);
            }
        };
    }

    @Override
    public void close() {
        storeSetUp.interrupt();
        heartbeat.ifPresent(OutboundHeartbeat::close);
        server.stop();
        closeProbes.run(); // before the journal: a last check may still submit
        heartbeats.close(); // its scheduler submits to the journal, so it stops first
        logRules.close(); // before the journal: its thread submits to it
        journal.close(); // commits what was queued before the server stopped taking requests
        expiry.close();
        consumer.close();
        bus.close();
        paging.close();
        outboxWorker.close();
        readiness.close();
        if (journalStore != store) {
            journalStore.close();
        }
        store.close();
    }
}
