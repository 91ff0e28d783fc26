package dev.firewatch.alert;

import java.util.List;
import java.util.Optional;

/**
 * One route of the tree, Alertmanager-style: when its matchers match, its children are tried; when none of
 * them matches, the alert goes to this route's service.
 *
 * @param origin where the route is written, for explanations: {@code routes.tree[0] (line 12)}
 * @param service empty: the parent's service
 * @param severity an incident severity from the ladder that overrides the alert's own; empty: the parent's
 * @param continueMatching Alertmanager's {@code continue}: after a match, keep trying the next siblings
 */
public record RouteSpec(
        String origin,
        Matchers matchers,
        Optional<String> service,
        Optional<String> severity,
        boolean continueMatching,
        List<RouteSpec> routes) {
    public RouteSpec {
        routes = List.copyOf(routes);
    }
}
