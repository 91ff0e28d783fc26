package dev.firewatch.config;

import dev.firewatch.notify.ChannelSpec;
import dev.firewatch.notify.MessageTemplate;
import dev.firewatch.spelling.DidYouMean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.Node;

/** {@code channels:} as written and checked; see {@link ServerSection} for the two steps. */
record ChannelsSection(List<Channel> channels) {
    static final ChannelsSection ABSENT = new ChannelsSection(List.of());
    private static final Set<String> TYPES = new TreeSet<>(ChannelSpec.REQUIRED_SETTINGS.keySet());
    private static final String TYPE_LIST = String.join(", ", TYPES);

    /**
     * One entry; an empty name means the entry had a problem that is already reported.
     *
     * @param enabled false when a required setting came out empty from the environment
     */
    record Channel(Optional<Scalar> name, Optional<String> type, Map<String, String> settings, boolean enabled) {}

    static ChannelsSection read(List<Node> entries, Reading reading) {
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            reading.mapping(
                            entries.get(i),
                            "channels[" + i + "]",
                            "a channel like {name: ops, type: webhook, url: ...}")
                    .map(ChannelsSection::channel)
                    .ifPresent(channels::add);
        }
        EntryName.requireUnique(names(channels), "channel", reading.problems());
        return new ChannelsSection(List.copyOf(channels));
    }

    List<Scalar> names() {
        return names(channels);
    }

    private static List<Scalar> names(List<Channel> channels) {
        return channels.stream().flatMap(channel -> channel.name().stream()).toList();
    }

    /** One channel, or one of a person's contact methods: the same settings reach the same places. */
    static Channel channel(Mapping entry) {
        var name = EntryName.read(entry, "ops-webhook");
        var type = type(entry);
        Map<String, Scalar> settings = new LinkedHashMap<>();
        for (String key : entry.keys()) {
            if (!key.equals("name") && !key.equals("type")) {
                entry.scalar(key).ifPresent(value -> settings.put(key, value));
            }
        }
        // Without a known type nobody can tell which settings belong, so only the type error is reported.
        boolean enabled = type.map(t -> checkSettings(entry, t, name, settings)).orElse(true);
        type.ifPresent(t -> checkTemplates(entry, t, settings));
        Map<String, String> values = new LinkedHashMap<>();
        settings.forEach((key, value) -> values.put(key, value.value()));
        return new Channel(name, type, Collections.unmodifiableMap(values), enabled);
    }

    private static Optional<String> type(Mapping entry) {
        if (!entry.has("type")) {
            entry.error(entry.at(), entry.path() + ": type is missing; expected one of " + TYPE_LIST);
            return Optional.empty();
        }
        return entry.scalar("type", "a channel type")
                .filter(type -> {
                    if (TYPES.contains(type.value())) {
                        return true;
                    }
                    String found = type.fromEnvironment()
                            ? "expected one of " + TYPE_LIST + ", found " + type.shown()
                            : "unknown channel type " + type.shown()
                                    + DidYouMean.closest(type.value(), TYPES)
                                            .map(t -> "; did you mean \"" + t + "\"?")
                                            .orElse("; expected one of " + TYPE_LIST);
                    entry.error(type.at(), entry.path("type") + ": " + found);
                    return false;
                })
                .map(Scalar::value);
    }

    /** Reports unknown and missing settings; returns whether the channel is on. */
    private static boolean checkSettings(
            Mapping entry, String type, Optional<Scalar> name, Map<String, Scalar> settings) {
        var required = new TreeSet<>(ChannelSpec.REQUIRED_SETTINGS.get(type));
        var known = new ArrayList<>(List.of("name", "type"));
        known.addAll(required);
        known.addAll(new TreeSet<>(ChannelSpec.OPTIONAL_SETTINGS.getOrDefault(type, Set.of())));
        entry.allowOnly(known);
        boolean enabled = true;
        for (String setting : required) {
            if (!entry.has(setting)) {
                entry.error(
                        entry.at(),
                        entry.path() + ": " + setting + " is missing; a channel of type " + type + " needs it");
                continue;
            }
            Scalar value = settings.get(setting);
            if (value == null || !value.value().isBlank()) {
                continue; // a broken value is already reported
            }
            if (value.fromEnvironment()) {
                enabled = false;
                entry.warning(
                        value.at(),
                        "channel " + name.map(Scalar::value).orElse(entry.path()) + " is off: " + setting
                                + " is empty because " + whyBlank(value, entry));
            } else {
                entry.error(
                        value.at(),
                        entry.path(setting) + ": a channel of type " + type + " needs " + setting + ", found nothing");
            }
        }
        return enabled;
    }

    /** A {@code title:} or {@code text:} with a placeholder nothing fills is refused now, not sent with a gap. */
    private static void checkTemplates(Mapping entry, String type, Map<String, Scalar> settings) {
        for (String key : MessageTemplate.SETTINGS) {
            Scalar value = settings.get(key);
            if (value == null || !ChannelSpec.OPTIONAL_SETTINGS.get(type).contains(key)) {
                continue;
            }
            if (MessageTemplate.parse(value.value()) instanceof MessageTemplate.Unknown unknown) {
                entry.error(
                        Reading.inside(entry.node(key).orElseThrow(), value, unknown.offset()),
                        entry.path(key) + ": unknown placeholder {" + unknown.placeholder() + "}"
                                + DidYouMean.closest(unknown.placeholder(), MessageTemplate.PLACEHOLDERS)
                                        .map(known -> "; did you mean {" + known + "}?")
                                        .orElse("; known placeholders: {"
                                                + String.join("}, {", MessageTemplate.PLACEHOLDERS) + "}"));
            }
        }
    }

    /** Why a value from the environment came out empty: which variables are unset or empty. */
    static String whyBlank(Scalar value, Mapping entry) {
        var substitution = entry.reading().substitution();
        var reasons =
                value.blankVariables().stream().map(substitution::whyBlank).toList();
        return reasons.isEmpty() ? "its variables are empty" : String.join(" and ", reasons);
    }

    List<ChannelSpec> specs() {
        return channels.stream()
                .map(channel -> new ChannelSpec(
                        channel.name().orElseThrow().value(),
                        channel.type().orElseThrow(),
                        channel.settings(),
                        channel.enabled()))
                .toList();
    }
}
