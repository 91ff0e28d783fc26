package dev.firewatch.alert.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where an alert goes and why. Never empty: an alert that no route matches goes to the default service.
 * More than one destination only when a route says {@code continue: true}; the first is the alert's home.
 */
public record Routing(List<Destination> destinations) {
    public Routing {
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException("a routing has at least one destination: alerts are never dropped");
        }
        destinations = List.copyOf(destinations);
    }

    /**
     * @param severity the incident severity a route forces; empty: map the alert's severity on the ladder
     * @param path the routes that matched, from the top of the tree down; empty when none did
     * @param reason why the alert lands here, in one sentence
     */
    public record Destination(String service, Optional<String> severity, List<Hop> path, String reason) {
        public Destination {
            path = List.copyOf(path);
        }
    }

    /** One route on the way down, and why it matched: {@code routes.tree[0] (line 12): {team="db"} matched}. */
    public record Hop(String route, String reason) {
        @Override
        public String toString() {
            return route + ": " + reason;
        }
    }

    public Destination primary() {
        return destinations.getFirst();
    }

    public String service() {
        return primary().service();
    }

    public Optional<String> severity() {
        return primary().severity();
    }

    /** For {@code firewatch route test}: each destination, then the routes that led there, indented. */
    public List<String> explanation() {
        List<String> lines = new ArrayList<>();
        for (Destination destination : destinations) {
            lines.add("→ " + destination.service()
                    + destination.severity().map(s -> " (severity " + s + ")").orElse("") + ": "
                    + destination.reason());
            destination.path().forEach(hop -> lines.add("    " + hop));
        }
        return List.copyOf(lines);
    }
}
