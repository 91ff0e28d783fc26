package dev.firewatch.intake;

import dev.firewatch.auth.Access;
import dev.firewatch.web.Listing;
import dev.firewatch.web.Requests;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import java.util.List;

/** {@code GET /api/v1/digests}: what was folded under a storm, per service, severity and minute, newest first. */
public final class DigestRoutes implements RouteSet {
    private final Digests digests;

    public DigestRoutes(Digests digests) {
        this.digests = digests;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(
                "/api/v1/digests",
                ctx -> {
                    int limit = Requests.limit(ctx);
                    List<Digest> page = digests.list(ctx.queryParam("service"), ctx.queryParam("cursor"), limit);
                    ctx.json(Listing.of(
                            "digests",
                            page,
                            page.size() < limit ? null : page.getLast().id()));
                },
                Access.VIEWER);
    }
}
