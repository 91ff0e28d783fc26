package dev.firewatch.paging;

import dev.firewatch.escalation.EscalationPolicySpec;
import dev.firewatch.notify.ChannelSpec;
import dev.firewatch.oncall.ScheduleSpec;
import dev.firewatch.service.ServiceSpec;
import java.util.List;
import java.util.Optional;

/**
 * The parts of the config a dry run and the dead-end checks read. Paging cannot see the config package (the
 * config depends on features, never the reverse), so the wiring hands these over.
 *
 * @param severities the incident severity ladder's names, most severe first
 * @param canSendEmail whether {@code notify.smtp} is set: without it no email channel or method can send
 */
public record DryRunConfig(
        List<ServiceSpec> services,
        List<String> severities,
        List<EscalationPolicySpec> policies,
        List<ScheduleSpec> schedules,
        List<PersonSpec> people,
        List<ChannelSpec> channels,
        boolean canSendEmail) {
    public DryRunConfig {
        services = List.copyOf(services);
        severities = List.copyOf(severities);
        policies = List.copyOf(policies);
        schedules = List.copyOf(schedules);
        people = List.copyOf(people);
        channels = List.copyOf(channels);
    }

    public Optional<ServiceSpec> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The policy that escalates the service's incidents; the config allows one at most. */
    public Optional<EscalationPolicySpec> policyFor(String service) {
        return policies.stream().filter(p -> p.services().contains(service)).findFirst();
    }

    public Optional<PersonSpec> person(String name) {
        return people.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<ChannelSpec> channel(String name) {
        return channels.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Optional<ScheduleSpec> schedule(String name) {
        return schedules.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Why nothing sent through this channel or contact method can arrive, or empty when it can. A channel
     * that fails at run time falls back or retries; these two never work, whatever the time.
     */
    public Optional<String> whyUnusable(ChannelSpec channel) {
        return whyUnusable(channel, canSendEmail);
    }

    /** The same check for the running engine, which asks with the running config's mail server. */
    public static Optional<String> whyUnusable(ChannelSpec channel, boolean canSendEmail) {
        if (!channel.enabled()) {
            return Optional.of(channel.name() + " is off: a required setting came out empty from the environment");
        }
        if (channel.type().equals("email") && !canSendEmail) {
            return Optional.of(channel.name() + " is email, and notify.smtp is not set");
        }
        return Optional.empty();
    }

    /** The zone a service's dry run shows and reads times in: its policy's, else UTC. */
    public java.time.ZoneId zoneFor(String service) {
        return policyFor(service).map(this::zoneOf).orElse(java.time.ZoneId.of("UTC"));
    }

    /** What is wrong with a service name asked about, saying which there are; empty when the config has it. */
    public Optional<String> unknownService(String name) {
        return service(name).isPresent()
                ? Optional.empty()
                : Optional.of("no service named \"" + name + "\"; services: "
                        + String.join(
                                ", ", services.stream().map(ServiceSpec::name).toList()));
    }

    /** What is wrong with a severity asked about, saying which there are; empty when the ladder has it. */
    public Optional<String> unknownSeverity(String name) {
        return severities.contains(name)
                ? Optional.empty()
                : Optional.of("no severity named \"" + name + "\"; severities: " + String.join(", ", severities));
    }

    /** The zone a policy's times are shown and read in: its first schedule's, else UTC. */
    public java.time.ZoneId zoneOf(EscalationPolicySpec policy) {
        return policy.steps().stream()
                .flatMap(step -> step.targets().stream())
                .filter(t -> t instanceof dev.firewatch.escalation.Target.Schedule)
                .flatMap(t -> schedule(t.name()).stream())
                .map(ScheduleSpec::zone)
                .findFirst()
                .orElse(java.time.ZoneId.of("UTC"));
    }
}
