package dev.firewatch.config;

import dev.firewatch.alert.IncidentSeveritySpec;
import dev.firewatch.alert.InhibitRuleSpec;
import dev.firewatch.alert.MaintenanceSpec;
import dev.firewatch.alert.RoutesSpec;
import dev.firewatch.auth.AuthSpec;
import dev.firewatch.auth.UserSpec;
import dev.firewatch.escalation.EscalationPolicySpec;
import dev.firewatch.intake.IntakeSpec;
import dev.firewatch.intake.WebhookSpec;
import dev.firewatch.notify.ChannelSpec;
import dev.firewatch.oncall.ScheduleSpec;
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
        List<EscalationPolicySpec> escalationPolicies) {

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
