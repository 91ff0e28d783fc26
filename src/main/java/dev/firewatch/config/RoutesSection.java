package dev.firewatch.config;

import dev.firewatch.alert.Matchers;
import dev.firewatch.alert.RouteSpec;
import dev.firewatch.alert.RoutesSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code routes:} as written and checked; see {@link ServerSection} for the two steps. Services and severities
 * are checked against their own sections by {@link #requireKnown}, once those are read.
 */
record RoutesSection(Optional<Scalar> defaultService, List<Route> tree) {
    static final List<String> KEYS = List.of("default_service", "tree");
    static final List<String> ROUTE_KEYS = Stream.concat(
                    MatcherKeys.keys("").stream(), Stream.of("service", "severity", "continue", "routes"))
            .toList();
    static final RoutesSection ABSENT = new RoutesSection(Optional.empty(), List.of());

    /** One route; empty matchers mean they had a problem that is already reported. */
    record Route(
            String path,
            String origin,
            Optional<Matchers> matchers,
            Optional<Scalar> service,
            Optional<Scalar> severity,
            boolean continueMatching,
            List<Route> routes) {}

    static RoutesSection read(Mapping routes) {
        routes.allowOnly(KEYS);
        var defaultService = routes.text("default_service", "a service name, like demo");
        var tree = routes.list("tree", "a list of routes like [{match: {team: db}, service: database}]")
                .map(entries -> list(entries, routes.path("tree"), routes.reading()))
                .orElse(List.of());
        return new RoutesSection(defaultService, tree);
    }

    private static List<Route> list(List<Node> entries, String path, Reading reading) {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            reading.mapping(entries.get(i), path + "[" + i + "]", "a route like {match: {team: db}, service: database}")
                    .map(RoutesSection::route)
                    .ifPresent(routes::add);
        }
        return List.copyOf(routes);
    }

    private static Route route(Mapping entry) {
        entry.allowOnly(ROUTE_KEYS);
        var matchers = MatcherKeys.read(entry, "");
        var service = entry.text("service", "a service name, like database");
        var severity = entry.text("severity", "a severity from the ladder, like SEV1");
        var continueMatching = entry.bool("continue").orElse(false);
        var children = entry.list("routes", "a list of routes")
                .map(nodes -> list(nodes, entry.path("routes"), entry.reading()))
                .orElse(List.of());
        String origin = entry.path() + " (line " + (entry.at().getLine() + 1) + ")";
        return new Route(entry.path(), origin, matchers, service, severity, continueMatching, children);
    }

    /** Reports every service and severity that the rest of the file does not declare. */
    void requireKnown(
            Optional<Collection<String>> services, Optional<Collection<String>> severities, Problems problems) {
        services.ifPresent(known -> defaultService.ifPresent(
                name -> References.require(name, "routes.default_service", "service", "services", known, problems)));
        requireKnown(tree, services, severities, problems);
    }

    private static void requireKnown(
            List<Route> routes,
            Optional<Collection<String>> services,
            Optional<Collection<String>> severities,
            Problems problems) {
        for (Route route : routes) {
            String path = route.path();
            services.ifPresent(known -> route.service()
                    .ifPresent(name ->
                            References.require(name, path + ".service", "service", "services", known, problems)));
            severities.ifPresent(known -> route.severity()
                    .ifPresent(name ->
                            References.require(name, path + ".severity", "severity", "severities", known, problems)));
            requireKnown(route.routes(), services, severities, problems);
        }
    }

    RoutesSpec spec() {
        return new RoutesSpec(defaultService.map(Scalar::value), specs(tree));
    }

    private static List<RouteSpec> specs(List<Route> routes) {
        return routes.stream()
                .map(route -> new RouteSpec(
                        route.origin(),
                        route.matchers().orElseThrow(),
                        route.service().map(Scalar::value),
                        route.severity().map(Scalar::value),
                        route.continueMatching(),
                        specs(route.routes())))
                .toList();
    }
}
