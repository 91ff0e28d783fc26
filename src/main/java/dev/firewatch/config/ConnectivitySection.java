package dev.firewatch.config;

import dev.firewatch.probe.ConnectivitySpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@code connectivity:} as written and checked; see {@link ServerSection} for the two steps. Canaries are
 * {@code host:port} or an {@code http(s)://} URL (port 80 or 443 unless it names one).
 */
record ConnectivitySection(
        boolean present,
        List<ConnectivitySpec.Canary> canaries,
        Optional<Duration> interval,
        Optional<Duration> timeout,
        Optional<Scalar> service) {
    static final List<String> KEYS = List.of("canaries", "interval", "timeout", "service");
    static final ConnectivitySection ABSENT =
            new ConnectivitySection(false, List.of(), Optional.empty(), Optional.empty(), Optional.empty());

    static ConnectivitySection read(Mapping connectivity) {
        connectivity.allowOnly(KEYS);
        List<ConnectivitySpec.Canary> canaries = new ArrayList<>();
        if (!connectivity.has("canaries")) {
            connectivity.error(
                    connectivity.at(),
                    connectivity.path("canaries") + ": give a few targets Firewatch should always reach, like"
                            + " canaries: [1.1.1.1:53, 8.8.8.8:53, https://example.com]");
        }
        connectivity
                .scalars("canaries", "a list of host:port or URLs", "host:port or an http(s):// URL")
                .ifPresent(written -> {
                    if (written.isEmpty()) {
                        connectivity.error(
                                connectivity.node("canaries").orElseThrow().getStartMark(),
                                connectivity.path("canaries") + ": expected at least one canary, found none");
                    }
                    for (int i = 0; i < written.size(); i++) {
                        canary(written.get(i), connectivity.path("canaries") + "[" + i + "]", connectivity)
                                .ifPresent(canaries::add);
                    }
                });
        var interval = atLeast(connectivity, "interval", Duration.ofSeconds(1));
        var timeout = atLeast(connectivity, "timeout", Duration.ofMillis(100));
        var service = connectivity.text("service", "the name of a service under services:");
        return new ConnectivitySection(true, List.copyOf(canaries), interval, timeout, service);
    }

    private static Optional<Duration> atLeast(Mapping connectivity, String key, Duration least) {
        return connectivity.duration(key).filter(d -> {
            if (d.compareTo(least) >= 0) {
                return true;
            }
            connectivity.error(
                    connectivity.node(key).orElseThrow().getStartMark(),
                    connectivity.path(key) + ": expected at least " + least.toMillis() + "ms, found " + d.toMillis()
                            + "ms");
            return false;
        });
    }

    /** {@code host:port} or a web URL, or a located error saying which shapes work. */
    static Optional<ConnectivitySpec.Canary> canary(Scalar written, String path, Mapping at) {
        String text = written.value().strip();
        try {
            if (text.startsWith("http://") || text.startsWith("https://")) {
                URI url = new URI(text);
                if (url.getHost() != null) {
                    int port = url.getPort() > 0 ? url.getPort() : text.startsWith("https") ? 443 : 80;
                    return Optional.of(new ConnectivitySpec.Canary(text, url.getHost(), port));
                }
            } else if (!text.contains("://")) {
                URI hostPort = new URI("tcp://" + text);
                if (hostPort.getHost() != null
                        && hostPort.getPort() > 0
                        && hostPort.getPath().isEmpty()) {
                    return Optional.of(new ConnectivitySpec.Canary(text, hostPort.getHost(), hostPort.getPort()));
                }
            }
        } catch (URISyntaxException notAUri) {
            // reported below
        }
        at.error(
                written.at(),
                path + ": expected host:port (like 1.1.1.1:53 or [2606:4700::1111]:53) or an http(s):// URL, found "
                        + written.shown());
        return Optional.empty();
    }

    void requireKnownService(Collection<String> services, Problems problems) {
        service.ifPresent(
                name -> References.require(name, "connectivity.service", "service", "services", services, problems));
    }

    /** The second step: the first service takes the self-alert when none is named. */
    Optional<ConnectivitySpec> spec(List<String> serviceNames) {
        if (!present) {
            return Optional.empty();
        }
        return Optional.of(new ConnectivitySpec(
                canaries,
                interval.orElse(ConnectivitySpec.DEFAULT_INTERVAL),
                timeout.orElse(ConnectivitySpec.DEFAULT_TIMEOUT),
                service.map(Scalar::value).or(() -> serviceNames.stream().findFirst())));
    }
}
