package dev.firewatch.alert.route;

import dev.firewatch.alert.RouteSpec;
import dev.firewatch.alert.RoutesSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routing tree with Alertmanager's rules: routes are tried in order and the first that matches wins,
 * unless it says {@code continue}; a matching route hands the alert to its children, and keeps it when none
 * of them matches; a route without a service or severity takes its parent's. At the top sits an implicit
 * route that matches everything and goes to the default service, so no alert is ever dropped.
 */
public final class RouteTree {
    private final RoutesSpec spec;

    public RouteTree(RoutesSpec spec) {
        this.spec = spec;
    }

    /**
     * @param integrationKeyService the service whose integration key the alert arrived with: its home when no
     *     route matches and the config names no default service
     */
    public Routing route(Map<String, String> labels, String integrationKeyService) {
        String fallback = spec.defaultService().orElse(integrationKeyService);
        var top = new Inherited(fallback, Optional.empty(), List.of());
        List<Routing.Destination> found = children(spec.tree(), labels, top);
        if (found.isEmpty()) {
            String reason = spec.defaultService().isPresent()
                    ? "no route matched; default_service is " + fallback
                    : "no route matched; the alert's integration key belongs to " + fallback;
            return new Routing(List.of(new Routing.Destination(fallback, Optional.empty(), List.of(), reason)));
        }
        return new Routing(found);
    }

    /** What a route passes down to its children: its service, its severity and the way there. */
    private record Inherited(String service, Optional<String> severity, List<Routing.Hop> path) {}

    private List<Routing.Destination> children(List<RouteSpec> routes, Map<String, String> labels, Inherited parent) {
        List<Routing.Destination> found = new ArrayList<>();
        for (RouteSpec route : routes) {
            if (!route.matchers().matches(labels)) {
                continue;
            }
            found.addAll(descend(route, labels, parent));
            if (!route.continueMatching()) {
                break;
            }
        }
        return found;
    }

    private List<Routing.Destination> descend(RouteSpec route, Map<String, String> labels, Inherited parent) {
        List<Routing.Hop> path = new ArrayList<>(parent.path());
        path.add(new Routing.Hop(route.origin(), why(route)));
        var here = new Inherited(
                route.service().orElse(parent.service()), route.severity().or(parent::severity), List.copyOf(path));
        List<Routing.Destination> below = children(route.routes(), labels, here);
        if (!below.isEmpty()) {
            return below;
        }
        String reason = route.service().isPresent()
                ? "routed by " + route.origin()
                : "routed by " + route.origin() + ", which keeps its parent's service";
        return List.of(new Routing.Destination(here.service(), here.severity(), here.path(), reason));
    }

    private static String why(RouteSpec route) {
        String matched =
                route.matchers().isEmpty() ? "no matchers, so every alert matches" : route.matchers() + " matched";
        return route.continueMatching() ? matched + " (continue: the next routes are tried too)" : matched;
    }
}
