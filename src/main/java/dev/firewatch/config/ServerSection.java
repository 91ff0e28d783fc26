package dev.firewatch.config;

import dev.firewatch.web.ServerSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code server:} as written and checked; what is absent stays empty until {@link #spec()} fills defaults. */
record ServerSection(
        Optional<String> host, Optional<Integer> port, Optional<String> publicUrl, Optional<Long> maxBody) {
    static final List<String> KEYS = List.of("host", "port", "public_url", "max_body");
    static final ServerSection ABSENT =
            new ServerSection(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Hosts that mean "every interface": fine to listen on, useless in a link. */
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]");

    static ServerSection read(Mapping server) {
        server.allowOnly(KEYS);
        var host = server.text("host", "a host name or IP address to listen on, like 127.0.0.1");
        var port = server.wholeNumber("port", 0, 65535);
        var publicUrl = server.scalar("public_url").filter(url -> isWebUrl(url, server));
        var maxBody = server.size("max_body", 1024, "1KiB");
        host.filter(h -> WILDCARDS.contains(h.value()) && !server.has("public_url"))
                .ifPresent(h -> server.warning(
                        h.at(),
                        "server.public_url is not set, so links in notifications will point at " + h.shown()
                                + ", which nobody else can open; set server.public_url"));
        return new ServerSection(host.map(Scalar::value), port, publicUrl.map(Scalar::value), maxBody);
    }

    private static boolean isWebUrl(Scalar url, Mapping server) {
        String text = url.value();
        try {
            var uri = new URI(text);
            if ((text.startsWith("http://") || text.startsWith("https://")) && uri.getHost() != null) {
                return true;
            }
        } catch (URISyntaxException notAUri) {
            // reported below, with what was expected
        }
        server.error(
                url.at(),
                "server.public_url: expected an http:// or https:// URL like https://firewatch.example.com, found "
                        + url.shown());
        return false;
    }

    ServerSpec spec() {
        var defaults = ServerSpec.DEFAULTS;
        String chosenHost = host.orElse(defaults.host());
        int chosenPort = port.orElse(defaults.port());
        // Links are built as publicUrl + "/path", so a trailing slash would double up.
        String url = publicUrl.map(u -> u.replaceAll("/+$", "")).orElse(defaultPublicUrl(chosenHost, chosenPort));
        return new ServerSpec(chosenHost, chosenPort, url, maxBody.orElse(defaults.maxBodyBytes()));
    }

    private static String defaultPublicUrl(String host, int port) {
        boolean ipv6 = host.contains(":") && !host.startsWith("[");
        return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + port;
    }
}
