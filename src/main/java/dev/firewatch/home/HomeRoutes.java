package dev.firewatch.home;

import dev.firewatch.auth.Access;
import dev.firewatch.auth.Caller;
import dev.firewatch.health.Readiness;
import dev.firewatch.notify.ChannelSpec;
import dev.firewatch.service.ServiceSpec;
import dev.firewatch.web.Frame;
import dev.firewatch.web.Pages;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.function.Supplier;

/** The dashboard: what Firewatch watches and whether Firewatch itself is well. */
public final class HomeRoutes implements RouteSet {
    /** The dashboard's model. */
    public record Dashboard(
            Frame frame, List<ServiceSpec> services, List<ChannelSpec> channels, Readiness.Report readiness) {}

    private final Supplier<List<ServiceSpec>> services;
    private final Supplier<List<ChannelSpec>> channels;
    private final Readiness readiness;
    private final Pages pages;

    public HomeRoutes(
            Supplier<List<ServiceSpec>> services,
            Supplier<List<ChannelSpec>> channels,
            Readiness readiness,
            Pages pages) {
        this.services = services;
        this.channels = channels;
        this.readiness = readiness;
        this.pages = pages;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(
                "/",
                ctx -> pages.render(
                        ctx,
                        "home/dashboard.jte",
                        new Dashboard(
                                new Frame(
                                        "Dashboard",
                                        Frame.Section.DASHBOARD,
                                        Caller.of(ctx).viewer()),
                                services.get(),
                                channels.get(),
                                readiness.report())),
                Access.VIEWER);
    }
}
