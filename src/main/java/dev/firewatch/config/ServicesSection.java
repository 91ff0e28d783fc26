package dev.firewatch.config;

import dev.firewatch.intake.WebhookSpec;
import dev.firewatch.service.ServiceSpec;
import dev.firewatch.spelling.DidYouMean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** {@code services:} as written and checked; see {@link ServerSection} for the two steps. */
record ServicesSection(List<Service> services) {
    static final List<String> KEYS = List.of(
            "name",
            "description",
            "integration_key",
            "channels",
            "depends_on",
            "group_by",
            "resolve_timeout",
            "webhooks");
    static final ServicesSection ABSENT = new ServicesSection(List.of());

    /** One entry; an empty name or key means the entry had a problem that is already reported. */
    record Service(
            String path,
            Optional<Scalar> name,
            Optional<String> description,
            Optional<Scalar> integrationKey,
            List<Scalar> channels,
            List<Scalar> dependsOn,
            List<Scalar> groupBy,
            Optional<Duration> resolveTimeout,
            List<WebhooksSection.Webhook> webhooks) {}

    static ServicesSection read(List<Node> entries, Reading reading) {
        List<Service> services = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            reading.mapping(entries.get(i), "services[" + i + "]", "a service like {name: api, integration_key: ...}")
                    .map(ServicesSection::service)
                    .ifPresent(services::add);
        }
        EntryName.requireUnique(
                services.stream().flatMap(s -> s.name().stream()).toList(), "service", reading.problems());
        requireUniqueKeys(services, reading.problems());
        var section = new ServicesSection(List.copyOf(services));
        section.requireKnownDependencies(reading.problems());
        return section;
    }

    private static Service service(Mapping entry) {
        entry.allowOnly(KEYS);
        var name = EntryName.read(entry, "demo");
        var description = entry.scalar("description", "a line of text");
        Optional<Scalar> key = Optional.empty();
        if (entry.has("integration_key")) {
            key = entry.text("integration_key", "a key that senders use to reach this service, like demo-key");
        } else {
            entry.error(
                    entry.at(),
                    entry.path() + ": integration_key is missing; every service needs its own key,"
                            + " which senders put in routing_key or the intake URL");
        }
        List<Scalar> channels = new ArrayList<>();
        entry.list("channels", "a list of channel names like [team-slack]").ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                entry.reading()
                        .scalar(items.get(i), entry.path("channels") + "[" + i + "]", "a channel name")
                        .ifPresent(channels::add);
            }
        });
        List<Scalar> dependsOn = new ArrayList<>();
        entry.list("depends_on", "a list of service names like [database]").ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                entry.reading()
                        .scalar(items.get(i), entry.path("depends_on") + "[" + i + "]", "a service name")
                        .ifPresent(dependsOn::add);
            }
        });
        List<Scalar> groupBy = new ArrayList<>();
        entry.list("group_by", "a list of label names like [alertname, cluster]")
                .ifPresent(items -> {
                    for (int i = 0; i < items.size(); i++) {
                        entry.reading()
                                .scalar(items.get(i), entry.path("group_by") + "[" + i + "]", "a label name")
                                .ifPresent(groupBy::add);
                    }
                });
        Optional<Duration> resolveTimeout = entry.duration("resolve_timeout");
        return new Service(
                entry.path(),
                name,
                description.map(Scalar::value),
                key,
                List.copyOf(channels),
                List.copyOf(dependsOn),
                List.copyOf(groupBy),
                resolveTimeout,
                WebhooksSection.read(entry));
    }

    /**
     * Keys are compared but never shown: an integration key lets anyone open incidents. A webhook key shares the
     * check, so no key can name both a service and a webhook, and a request's key always means one thing.
     */
    private static void requireUniqueKeys(List<Service> services, Problems problems) {
        record Use(String path, Scalar key) {}
        Map<String, Use> first = new HashMap<>();
        for (Service service : services) {
            List<Use> uses = new ArrayList<>();
            service.integrationKey().ifPresent(key -> uses.add(new Use(service.path(), key)));
            for (WebhooksSection.Webhook webhook : service.webhooks()) {
                webhook.key().ifPresent(key -> uses.add(new Use(webhook.path(), key)));
            }
            for (Use use : uses) {
                Use earlier = first.putIfAbsent(use.key().value(), use);
                if (earlier != null) {
                    boolean webhook =
                            use.path().contains(".webhooks[") || earlier.path().contains(".webhooks[");
                    problems.error(
                            use.key().at(),
                            use.path() + (use.path().equals(service.path()) ? ".integration_key" : ".key")
                                    + ": the same key as " + earlier.path() + " on line "
                                    + (earlier.key().at().getLine() + 1)
                                    + (webhook
                                            ? "; each service and each webhook needs its own key"
                                            : "; each service needs its own key"));
                }
            }
        }
    }

    List<String> names() {
        return services.stream()
                .flatMap(service -> service.name().stream())
                .map(Scalar::value)
                .toList();
    }

    /** Reports each dependency on a service nobody declares, and each cycle, once, naming every service in it. */
    private void requireKnownDependencies(Problems problems) {
        var declared = names();
        Map<String, Service> byName = new HashMap<>();
        services.forEach(service -> service.name().ifPresent(name -> byName.putIfAbsent(name.value(), service)));
        for (Service service : services) {
            for (int i = 0; i < service.dependsOn().size(); i++) {
                References.require(
                        service.dependsOn().get(i),
                        service.path() + ".depends_on[" + i + "]",
                        "service",
                        "services",
                        declared,
                        problems);
            }
        }
        new DependencyCycles(byName, problems).report(services);
    }

    /**
     * A depth-first walk in file order; a dependency that leads back to a service still on the path closes a
     * cycle, reported at that dependency. Each service is walked once, so each cycle is reported once.
     */
    private record DependencyCycles(Map<String, Service> byName, Problems problems) {
        void report(List<Service> services) {
            Set<String> done = new HashSet<>();
            for (Service service : services) {
                service.name().ifPresent(name -> walk(name.value(), new ArrayList<>(), done));
            }
        }

        private void walk(String name, List<String> path, Set<String> done) {
            if (done.contains(name) || !byName.containsKey(name)) {
                return;
            }
            path.add(name);
            Service service = byName.get(name);
            for (int i = 0; i < service.dependsOn().size(); i++) {
                Scalar dependency = service.dependsOn().get(i);
                int back = path.indexOf(dependency.value());
                if (back >= 0) {
                    var cycle = new ArrayList<>(path.subList(back, path.size()));
                    cycle.add(dependency.value());
                    problems.error(
                            dependency.at(),
                            service.path() + ".depends_on[" + i + "]: a cycle in depends_on: "
                                    + String.join(" → ", cycle)
                                    + "; a service cannot depend on itself, even through others");
                } else {
                    walk(dependency.value(), path, done);
                }
            }
            path.removeLast();
            done.add(name);
        }
    }

    /** Reports each service channel that no channel entry declares. */
    void requireKnownChannels(Set<String> declared, Problems problems) {
        for (Service service : services) {
            for (int i = 0; i < service.channels().size(); i++) {
                Scalar channel = service.channels().get(i);
                if (declared.contains(channel.value())) {
                    continue;
                }
                String help = channel.fromEnvironment() ? "" : DidYouMean.hint(channel.value(), declared);
                if (help.isEmpty()) {
                    help = declared.isEmpty()
                            ? "; no channels are declared (add them under channels:)"
                            : "; declared channels: "
                                    + String.join(
                                            ", ", declared.stream().sorted().toList());
                }
                problems.error(
                        channel.at(),
                        service.path() + ".channels[" + i + "]: unknown channel " + channel.shown() + help);
            }
        }
    }

    /** Every service's webhooks, in file order. */
    List<WebhookSpec> webhookSpecs() {
        return services.stream()
                .flatMap(service -> service.webhooks().stream()
                        .map(webhook ->
                                webhook.spec(service.name().orElseThrow().value())))
                .toList();
    }

    List<ServiceSpec> specs() {
        return services.stream()
                .map(service -> new ServiceSpec(
                        service.name().orElseThrow().value(),
                        service.description().orElse(""),
                        service.integrationKey().orElseThrow().value(),
                        service.channels().stream().map(Scalar::value).toList(),
                        service.dependsOn().stream().map(Scalar::value).toList(),
                        service.groupBy().stream().map(Scalar::value).toList(),
                        service.resolveTimeout()))
                .toList();
    }
}
