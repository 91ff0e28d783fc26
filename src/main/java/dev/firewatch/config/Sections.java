package dev.firewatch.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Every section of one file as read and checked, before defaults: the first of the loader's two steps. */
record Sections(
        ServerSection server,
        StoreSection store,
        AuthSection auth,
        UsersSection users,
        ChannelsSection channels,
        ServicesSection services) {

    static Sections read(Mapping top) {
        top.allowOnly(ConfigLoader.SECTIONS);
        var reading = top.reading();
        var channels =
                top.list("channels", "a list of channels").map(entries -> ChannelsSection.read(entries, reading));
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
                top.list("users", "a list of users")
                        .map(entries -> UsersSection.read(entries, reading))
                        .orElse(UsersSection.ABSENT),
                channels.orElse(ChannelsSection.ABSENT),
                top.list("services", "a list of services")
                        .map(entries -> ServicesSection.read(entries, reading))
                        .orElse(ServicesSection.ABSENT));
        // When channels: itself is broken, every reference to a channel would be reported again; one error is enough.
        if (channels.isPresent() || !top.has("channels")) {
            sections.services().requireKnownChannels(channelNames(sections.channels()), reading.problems());
        }
        return sections;
    }

    private static Set<String> channelNames(ChannelsSection channels) {
        Set<String> names = new HashSet<>();
        channels.names().forEach(name -> names.add(name.value()));
        return names;
    }

    /** The second step: only called when reading found no errors, so every required value is there. */
    FirewatchConfig config(Path source) {
        return new FirewatchConfig(
                source, server.spec(), store.spec(), auth.spec(), users.specs(), channels.specs(), services.specs());
    }
}
