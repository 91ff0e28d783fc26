package dev.firewatch.config;

import dev.firewatch.alert.IncidentSeveritySpec;
import dev.firewatch.alert.InhibitRuleSpec;
import dev.firewatch.alert.MaintenanceSpec;
import dev.firewatch.alert.RoutesSpec;
import dev.firewatch.auth.AuthSpec;
import dev.firewatch.auth.UserSpec;
import dev.firewatch.escalation.EscalationPolicySpec;
import dev.firewatch.health.OutboundHeartbeatSpec;
import dev.firewatch.heartbeat.HeartbeatSpec;
import dev.firewatch.intake.IntakeSpec;
import dev.firewatch.intake.WebhookSpec;
import dev.firewatch.notify.ChannelSpec;
import dev.firewatch.notify.NotifySpec;
import dev.firewatch.oncall.ScheduleSpec;
import dev.firewatch.paging.PersonSpec;
import dev.firewatch.probe.MonitorSpec;
import dev.firewatch.service.ServiceSpec;
import dev.firewatch.store.StoreSpec;
import dev.firewatch.web.ServerSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole config file, validated, with defaults filled in. Immutable: a reload builds a new one.
 *
 * @param severities the incident severity ladder, most severe first; the default SEV1 to SEV3 when the file
 *     has none
 * @param webhooks every service's webhooks ({@code services[].webhooks}), which read senders that speak nothing
 *     standard
 * @param schedules on-call schedules: layers of rotations; overrides are made at runtime and kept in the store
 * @param escalationPolicies who is paged, in which order and how often, for the services each policy names
 * @param people how paging reaches each user: contact methods and notification rules, from {@code users:}
 * @param notifications how notifications are delivered (timeouts, retries, breaker) and the mail server
 * @param outboundHeartbeat a URL Firewatch pings while it is healthy, for an outside dead-man's switch
 * @param monitors checks Firewatch runs itself (HTTP, TCP, TLS, DNS, SQL) whose failures become alerts
 * @param connectivity canaries that tell "they are down" from "we are cut off", when configured
 * @param monitoring how the monitor runtime behaves for every monitor: per-host limit, flapping, history
 * @param heartbeats jobs that promise to ping ({@code /ping/<uuid>}); a late, failed or unfinished run pages
 * @param logRules rules over the log lines services send to {@code POST /api/v1/logs} (rate, sequence, absence)
 */
public record FirewatchConfig(
        Path source,
        ServerSpec server,
        StoreSpec store,
        AuthSpec auth,
        List<UserSpec> users,
        List<ChannelSpec> channels,
        List<ServiceSpec> services,
        List<IncidentSeveritySpec> severities,
        RoutesSpec routes,
        List<InhibitRuleSpec> inhibitRules,
        List<MaintenanceSpec> maintenance,
        List<WebhookSpec> webhooks,
        IntakeSpec intake,
        List<ScheduleSpec> schedules,
        List<EscalationPolicySpec> escalationPolicies,
        List<PersonSpec> people,
        NotifySpec notifications,
        java.util.Optional<OutboundHeartbeatSpec> outboundHeartbeat,
        List<MonitorSpec> monitors,
        java.util.Optional<dev.firewatch.probe.ConnectivitySpec> connectivity,
        dev.firewatch.probe.MonitoringSpec monitoring,
        List<HeartbeatSpec> heartbeats,

        List<dev.firewatch.logwatch.LogRuleSpec> logRules) {

    /** How paging reaches the user of that name, if the config has them. */
    public java.util.Optional<PersonSpec> person(String name) {
        return people.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The channel of that name, if the config has one. */
    public java.util.Optional<ChannelSpec> channel(String name) {
        return channels.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The schedule of that name, if the config has one. */
    public java.util.Optional<ScheduleSpec> schedule(String name) {
        return schedules.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The policy that escalates {@code service}'s incidents, if one names it. */
    public java.util.Optional<EscalationPolicySpec> escalationPolicyFor(String service) {
        return escalationPolicies.stream()
                .filter(p -> p.services().contains(service))
                .findFirst();
    }
}
