package dev.firewatch.config;

import dev.firewatch.service.ServiceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** {@code services:} as written and checked; see {@link ServerSection} for the two steps. */
record ServicesSection(List<Service> services) {
    static final List<String> KEYS = List.of("name", "description", "integration_key", "channels");
    static final ServicesSection ABSENT = new ServicesSection(List.of());

    /** One entry; an empty name or key means the entry had a problem that is already reported. */
    record Service(
            String path,
            Optional<Scalar> name,
            Optional<String> description,
            Optional<Scalar> integrationKey,
            List<Scalar> channels) {}

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
        return new ServicesSection(List.copyOf(services));
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
        return new Service(entry.path(), name, description.map(Scalar::value), key, List.copyOf(channels));
    }

    /** Keys are compared but never shown: an integration key lets anyone open incidents. */
    private static void requireUniqueKeys(List<Service> services, Problems problems) {
        Map<String, Service> first = new HashMap<>();
        for (Service service : services) {
            service.integrationKey().ifPresent(key -> {
                Service earlier = first.putIfAbsent(key.value(), service);
                if (earlier != null) {
                    problems.error(
                            key.at(),
                            service.path() + ".integration_key: the same key as " + earlier.path()
                                    + " on line "
                                    + (earlier.integrationKey()
                                                    .orElseThrow()
                                                    .at()
                                                    .getLine()
                                            + 1)
                                    + "; each service needs its own key");
                }
            });
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

    List<ServiceSpec> specs() {
        return services.stream()
                .map(service -> new ServiceSpec(
                        service.name().orElseThrow().value(),
                        service.description().orElse(""),
                        service.integrationKey().orElseThrow().value(),
                        service.channels().stream().map(Scalar::value).toList()))
                .toList();
    }
}
