package dev.firewatch.config;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Every section of one file as read and checked, before defaults: the first of the loader's two steps. */
record Sections(
        ServerSection server,
        StoreSection store,
        AuthSection auth,
        UsersSection users,
        ChannelsSection channels,
        ServicesSection services,
        SeveritiesSection severities,
        RoutesSection routes,
        InhibitRulesSection inhibitRules,
        MaintenanceSection maintenance,
        IntakeSection intake,
        SchedulesSection schedules,
        EscalationPoliciesSection escalationPolicies,
        NotifySection notifications,
        OutboundHeartbeatSection outboundHeartbeat,
        MonitorsSection monitors,
        ConnectivitySection connectivity,
        MonitoringSection monitoring,
        HeartbeatsSection heartbeats,

        LogRulesSection logRules) {

    static Sections read(Mapping top) {
        top.allowOnly(ConfigLoader.SECTIONS);
        var reading = top.reading();
        var channels =
                top.list("channels", "a list of channels").map(entries -> ChannelsSection.read(entries, reading));
        var services =
                top.list("services", "a list of services").map(entries -> ServicesSection.read(entries, reading));
        var users = top.list("users", "a list of users").map(entries -> UsersSection.read(entries, reading));
        var schedules = top.list("schedules", "a list of on-call schedules")
                .map(entries -> SchedulesSection.read(entries, reading));
        var severities = top.list("severities", "a list of incident severities, most severe first")
                .map(entries -> SeveritiesSection.read(
                        entries, top.node("severities").orElseThrow().getStartMark(), reading));
        var sections = new Sections(
                top.mapping("server", "a mapping like {host: 127.0.0.1, port: 8080}")
                        .map(ServerSection::read)
                        .orElse(ServerSection.ABSENT),
                top.mapping("store", "a mapping like {url: \"\", pool_size: 10}")
                        .map(StoreSection::read)
                        .orElse(StoreSection.ABSENT),
                top.mapping("auth", "a mapping like {session_ttl: 12h}")
                        .map(AuthSection::read)
                        .orElse(AuthSection.ABSENT),
                users.orElse(UsersSection.ABSENT),
                channels.orElse(ChannelsSection.ABSENT),
                services.orElse(ServicesSection.ABSENT),
                severities.orElse(SeveritiesSection.ABSENT),
                top.mapping("routes", "a mapping like {default_service: demo, tree: [...]}")
                        .map(RoutesSection::read)
                        .orElse(RoutesSection.ABSENT),
                top.list("inhibit_rules", "a list of inhibit rules")
                        .map(entries -> InhibitRulesSection.read(entries, reading))
                        .orElse(InhibitRulesSection.ABSENT),
                top.list("maintenance", "a list of maintenance windows")
                        .map(entries -> MaintenanceSection.read(entries, reading))
                        .orElse(MaintenanceSection.ABSENT),
                top.mapping("intake", "a mapping like {storm: {backlog_threshold: 2000}}")
                        .map(IntakeSection::read)
                        .orElse(IntakeSection.ABSENT),
                schedules.orElse(SchedulesSection.ABSENT),
                top.list("escalation_policies", "a list of escalation policies")
                        .map(entries -> EscalationPoliciesSection.read(entries, reading))
                        .orElse(EscalationPoliciesSection.ABSENT),
                top.mapping(
                                "notify",
                                "a mapping like {timeout: 10s, smtp: {host: smtp.example.com, from:"
                                        + " firewatch@example.com}}")
                        .map(NotifySection::read)
                        .orElse(NotifySection.ABSENT),
                top.mapping("outbound_heartbeat", "a mapping like {url: https://hc-ping.com/<uuid>, interval: 60s}")
                        .map(OutboundHeartbeatSection::read)
                        .orElse(OutboundHeartbeatSection.ABSENT),
                top.list("monitors", "a list of monitors")
                        .map(entries -> MonitorsSection.read(entries, reading))
                        .orElse(MonitorsSection.ABSENT),
                top.mapping("connectivity", "a mapping like {canaries: [1.1.1.1:53, 8.8.8.8:53], interval: 30s}")
                        .map(ConnectivitySection::read)
                        .orElse(ConnectivitySection.ABSENT),
                top.mapping("monitoring", "a mapping like {per_host_limit: 8, history: {raw: 48h}}")
                        .map(MonitoringSection::read)
                        .orElse(MonitoringSection.ABSENT),
                top.list("heartbeats", "a list of heartbeats")
                        .map(entries -> HeartbeatsSection.read(entries, reading))
                        .orElse(HeartbeatsSection.ABSENT),
                top.list("log_rules", "a list of log rules")
                        .map(entries -> LogRulesSection.read(entries, reading))
                        .orElse(LogRulesSection.ABSENT));
        // When a section itself is broken, every reference to it would be reported again; one error is enough.
        if (channels.isPresent() || !top.has("channels")) {
            sections.services().requireKnownChannels(channelNames(sections.channels()), reading.problems());
        }
        Optional<Collection<String>> serviceNames = services.isPresent() || !top.has("services")
                ? Optional.of(sections.services().names())
                : Optional.empty();
        Optional<Collection<String>> severityNames = severities.isPresent() || !top.has("severities")
                ? Optional.of(sections.severities().names())
                : Optional.empty();
        sections.routes().requireKnown(serviceNames, severityNames, reading.problems());
        serviceNames.ifPresent(names -> sections.maintenance().requireKnownServices(names, reading.problems()));
        serviceNames.ifPresent(names -> sections.monitors().requireKnownServices(names, reading.problems()));
        serviceNames.ifPresent(names -> sections.connectivity().requireKnownService(names, reading.problems()));
        serviceNames.ifPresent(names -> sections.heartbeats().requireKnownServices(names, reading.problems()));
        serviceNames.ifPresent(names -> sections.logRules().requireKnownServices(names, reading.problems()));
        if (users.isPresent() || !top.has("users")) {
            sections.schedules().requireKnownUsers(sections.users().roles(), reading.problems());
        }
        sections.escalationPolicies()
                .requireKnown(
                        known(users, top, "users", () -> sections.users()
                                .roles()
                                .keySet()),
                        known(schedules, top, "schedules", () -> sections.schedules()
                                .names()),
                        known(channels, top, "channels", () -> channelNames(sections.channels())),
                        serviceNames,
                        severityNames,
                        reading.problems());
        return sections;
    }

    /** A section's names, or empty when the section is there but broken, so its names would mislead. */
    private static Optional<Collection<String>> known(
            Optional<?> read, Mapping top, String section, java.util.function.Supplier<Collection<String>> names) {
        return read.isPresent() || !top.has(section) ? Optional.of(names.get()) : Optional.empty();
    }

    private static Set<String> channelNames(ChannelsSection channels) {
        Set<String> names = new HashSet<>();
        channels.names().forEach(name -> names.add(name.value()));
        return names;
    }

    /** The second step: only called when reading found no errors, so every required value is there. */
    FirewatchConfig config(Path source) {
        return new FirewatchConfig(
                source,
                server.spec(),
                store.spec(),
                auth.spec(),
                users.specs(),
                channels.specs(),
                services.specs(),
                severities.specs(),
                routes.spec(),
                inhibitRules.specs(),
                maintenance.specs(),
                services.webhookSpecs(),
                intake.spec(),
                schedules.specs(),
                escalationPolicies.specs(),
                users.people(),
                notifications.spec(),
                outboundHeartbeat.spec(),
                monitors.specs(),
                connectivity.spec(services.specs().stream()
                        .map(dev.firewatch.service.ServiceSpec::name)
                        .toList()),
                monitoring.spec(),
                heartbeats.specs(),
                logRules.specs());
    }
}
