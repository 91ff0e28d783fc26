package dev.firewatch.config;

import dev.firewatch.health.OutboundHeartbeatSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code outbound_heartbeat:} as written and checked; see {@link ServerSection} for the two steps. */
record OutboundHeartbeatSection(Optional<OutboundHeartbeatSpec> spec) {
    static final List<String> KEYS = List.of("url", "interval");
    static final OutboundHeartbeatSection ABSENT = new OutboundHeartbeatSection(Optional.empty());

    static OutboundHeartbeatSection read(Mapping heartbeat) {
        heartbeat.allowOnly(KEYS);
        var url = WebhooksSection.required(
                        heartbeat, "url", "give the URL to ping, like url: https://hc-ping.com/<uuid>")
                ? heartbeat.text("url", "an http:// or https:// URL").flatMap(written -> webUrl(written, heartbeat))
                : Optional.<URI>empty();
        var interval = heartbeat.has("interval") ? heartbeat.duration("interval") : Optional.of(Duration.ofSeconds(60));
        interval.filter(i -> i.compareTo(Duration.ofSeconds(1)) < 0)
                .ifPresent(i -> heartbeat.error(
                        heartbeat.node("interval").orElseThrow().getStartMark(),
                        heartbeat.path("interval") + ": expected at least 1s, found " + i));
        if (url.isEmpty() || interval.isEmpty() || interval.get().compareTo(Duration.ofSeconds(1)) < 0) {
            return ABSENT;
        }
        return new OutboundHeartbeatSection(Optional.of(new OutboundHeartbeatSpec(url.get(), interval.get())));
    }

    private static Optional<URI> webUrl(Scalar written, Mapping heartbeat) {
        try {
            var uri = new URI(written.value().strip());
            if ((uri.getScheme() != null && uri.getScheme().matches("https?")) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException notAUri) {
            // reported below
        }
        heartbeat.error(
                written.at(),
                heartbeat.path("url") + ": expected an http:// or https:// URL, found " + written.shown());
        return Optional.empty();
    }
}
