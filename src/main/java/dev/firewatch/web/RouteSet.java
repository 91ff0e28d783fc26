package dev.firewatch.web;

import io.javalin.config.RoutesConfig;

/** A feature's HTTP handlers. Each feature has one; {@code app.Firewatch} adds them all to the server. */
@FunctionalInterface
public interface RouteSet {
    void addTo(RoutesConfig routes);
}
