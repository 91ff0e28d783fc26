package dev.firewatch.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.auth.Access;
import dev.firewatch.auth.Caller;
import dev.firewatch.auth.Role;
import dev.firewatch.store.Keyset;
import dev.firewatch.web.Filters;
import dev.firewatch.web.Frame;
import dev.firewatch.web.HttpProblem;
import dev.firewatch.web.Listing;
import dev.firewatch.web.Pages;
import dev.firewatch.web.Requests;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiFunction;

/** The incidents API (DESIGN §3.1). {@code id} may be the id or the number. */
public final class IncidentRoutes implements RouteSet {
    /** Incidents on one page of the list. */
    private static final int PAGE = 200;
    /** Alerts, and timeline entries, on one incident's page; older ones are a link away. */
    private static final int DETAIL_PAGE = 100;

    private final Incidents incidents;
    private final IncidentAlert.AlertsOfIncident alerts;
    private final ObjectMapper json;
    private final Pages pages;
    private final Requests requests;
    private final RecentChanges changes;

    /** What changed on a service shortly before an incident opened; the intake feature keeps changes. */
    @FunctionalInterface
    public interface RecentChanges {
        /** One line per change, newest first, e.g. "2026-11-23 03:12:00 UTC  deploy v42 (github)". */
        List<String> before(String service, java.time.Instant at);
    }

    public IncidentRoutes(
            Incidents incidents,
            IncidentAlert.AlertsOfIncident alerts,
            ObjectMapper json,
            Pages pages,
            Requests requests,
            RecentChanges changes) {
        this.incidents = incidents;
        this.alerts = alerts;
        this.json = json;
        this.pages = pages;
        this.requests = requests;
        this.changes = changes;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/incidents", this::list, Access.VIEWER);
        routes.get("/api/v1/incidents/{id}", this::show, Access.VIEWER);
        routes.post("/api/v1/incidents/{id}/acknowledge", ctx -> act(ctx, incidents::acknowledge), Access.RESPONDER);
        routes.post("/api/v1/incidents/{id}/resolve", ctx -> act(ctx, incidents::resolve), Access.RESPONDER);
        routes.post("/api/v1/incidents/{id}/escalate", ctx -> act(ctx, incidents::escalate), Access.RESPONDER);
        routes.post("/api/v1/incidents/{id}/severity", this::changeSeverity, Access.RESPONDER);

        routes.get("/incidents", this::listPage, Access.VIEWER);
        routes.get("/incidents/{id}", this::detailPage, Access.VIEWER);
        routes.post("/incidents/{id}/acknowledge", ctx -> actFromPage(ctx, incidents::acknowledge), Access.RESPONDER);
        routes.post("/incidents/{id}/resolve", ctx -> actFromPage(ctx, incidents::resolve), Access.RESPONDER);
    }

    private void listPage(Context ctx) {
        String filter = "all".equals(ctx.queryParam("show")) ? "all" : "open";
        Set<IncidentState> states = filter.equals("all")
                ? EnumSet.allOf(IncidentState.class)
                : EnumSet.of(IncidentState.TRIGGERED, IncidentState.ACKNOWLEDGED);
        String before = Requests.cursor(ctx, "before");
        Keyset.Page<Incident> page = Keyset.Page.of(incidents.list(states, null, before, PAGE + 1), PAGE, Incident::id);
        pages.render(
                ctx,
                "incident/list.jte",
                new IncidentPages.Listing(frame(ctx, "Incidents"), page.rows(), filter, before, page.older()));
    }

    private void detailPage(Context ctx) {
        Incident incident = incidents.find(ctx.pathParam("id")).orElseThrow(() -> notFound(ctx));
        String alertsBefore = Requests.cursor(ctx, "alerts_before");
        String timelineBefore = Requests.cursor(ctx, "timeline_before");
        Caller caller = Caller.of(ctx);
        boolean canAct = caller.role().map(r -> r.includes(Role.RESPONDER)).orElse(false);
        pages.render(
                ctx,
                "incident/detail.jte",
                new IncidentPages.Detail(
                        frame(ctx, "#" + incident.number() + " " + incident.title()),
                        incident,
                        Keyset.Page.of(
                                alerts.of(incident.id(), alertsBefore, DETAIL_PAGE + 1),
                                DETAIL_PAGE,
                                IncidentAlert::id),
                        Keyset.Page.of(
                                incidents.timeline(incident.id(), timelineBefore, DETAIL_PAGE + 1),
                                DETAIL_PAGE,
                                TimelineEntry::id),
                        changes.before(incident.service(), incident.createdAt()),
                        canAct));
    }

    private void actFromPage(Context ctx, BiFunction<String, String, Incident> action) {
        try {
            Incident incident =
                    action.apply(ctx.pathParam("id"), Caller.of(ctx).actor().name());
            ctx.redirect("/incidents/" + incident.number(), HttpStatus.SEE_OTHER);
        } catch (NoSuchElementException e) {
            throw notFound(ctx);
        } catch (Incidents.IllegalMove e) {
            throw HttpProblem.conflict(e.getMessage());
        }
    }

    private static Frame frame(Context ctx, String title) {
        return new Frame(title, Frame.Section.INCIDENTS, Caller.of(ctx).viewer());
    }

    private void list(Context ctx) {
        int limit = Requests.limit(ctx);
        var states = Filters.states(ctx, "state", IncidentState.class, IncidentState::parse, IncidentState::wireName);
        Keyset.Page<Incident> page = Keyset.Page.of(
                incidents.list(states, ctx.queryParam("service"), Requests.cursor(ctx, "cursor"), limit + 1),
                limit,
                Incident::id);
        ctx.json(Listing.of("incidents", page.rows(), page.older()));
    }

    /** The incident with its latest alerts and timeline entries, at most {@code MAX_LIMIT} of each, oldest first. */
    private void show(Context ctx) {
        Incident incident = incidents.find(ctx.pathParam("id")).orElseThrow(() -> notFound(ctx));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new LinkedHashMap<>(json.convertValue(incident, Map.class));
        body.put("alerts", alerts.of(incident.id(), null, Requests.MAX_LIMIT).reversed());
        body.put(
                "timeline",
                incidents.timeline(incident.id(), null, Requests.MAX_LIMIT).reversed());
        ctx.json(body);
    }

    /** The body of {@code POST /api/v1/incidents/{id}/severity}. */
    public record NewSeverity(String severity) {}

    private void changeSeverity(Context ctx) {
        NewSeverity body = requests.json(ctx, NewSeverity.class);
        String severity = Requests.required(body.severity(), "severity");
        try {
            ctx.json(incidents.changeSeverity(
                    ctx.pathParam("id"), severity, Caller.of(ctx).actor().name()));
        } catch (NoSuchElementException e) {
            throw notFound(ctx);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage(), "severity");
        }
    }

    private void act(Context ctx, BiFunction<String, String, Incident> action) {
        try {
            ctx.json(action.apply(ctx.pathParam("id"), Caller.of(ctx).actor().name()));
        } catch (NoSuchElementException e) {
            throw notFound(ctx);
        } catch (Incidents.IllegalMove e) {
            throw HttpProblem.conflict(e.getMessage());
        }
    }

    private static HttpProblem notFound(Context ctx) {
        return HttpProblem.notFound(
                "no incident with id or number " + ctx.pathParam("id") + "; GET /api/v1/incidents lists them");
    }
}
