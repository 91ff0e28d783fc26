package dev.firewatch.health;

import java.net.URI;
import java.time.Duration;

/**
 * {@code outbound_heartbeat:}: Firewatch pings {@code url} every {@code interval} while its own pipeline is
 * healthy, so an outside dead-man's switch (healthchecks.io, Uptime Kuma's push monitor, Cronitor) pages when
 * Firewatch itself is down or stuck.
 */
public record OutboundHeartbeatSpec(URI url, Duration interval) {}
