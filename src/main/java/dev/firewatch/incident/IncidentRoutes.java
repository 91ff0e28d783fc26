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
    private final IncidentNotice.NoticesOfIncident notices;

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
            RecentChanges changes,
            IncidentNotice.NoticesOfIncident notices) {
        this.notices = notices;
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
        routes.post(
                "/api/v1/incidents/{id}/unacknowledge", ctx -> act(ctx, incidents::unacknowledge), Access.RESPONDER);
        routes.post("/api/v1/incidents/{id}/snooze", this::snooze, Access.RESPONDER);
        routes.post("/api/v1/incidents/{id}/reassign", this::reassign, Access.RESPONDER);
        routes.post("/api/v1/incidents/{id}/severity", this::changeSeverity, Access.RESPONDER);

        routes.get("/incidents", this::listPage, Access.VIEWER);
        routes.get("/incidents/{id}", this::detailPage, Access.VIEWER);
        routes.post("/incidents/{id}/acknowledge", ctx -> actFromPage(ctx, incidents::acknowledge), Access.RESPONDER);
        routes.post("/incidents/{id}/resolve", ctx -> actFromPage(ctx, incidents::resolve), Access.RESPONDER);
        routes.post("/incidents/{id}/escalate", ctx -> actFromPage(ctx, incidents::escalate), Access.RESPONDER);
        routes.post(
                "/incidents/{id}/unacknowledge", ctx -> actFromPage(ctx, incidents::unacknowledge), Access.RESPONDER);
        routes.post(
                "/incidents/{id}/snooze",
                ctx -> actFromPage(ctx, "duration", (id, actor) -> incidents.snooze(id, formLength(ctx), actor)),
                Access.RESPONDER);
        routes.post(
                "/incidents/{id}/reassign",
                ctx -> actFromPage(
                        ctx,
                        "user",
                        (id, actor) -> incidents.reassign(id, Requests.required(ctx.formParam("user"), "user"), actor)),
                Access.RESPONDER);
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
                        notices.of(incident.id(), DETAIL_PAGE),
                        canAct,
                        canAct ? incidents.assignees() : List.of(),
                        SnoozeLength.CHOICES));
    }

    private void actFromPage(Context ctx, BiFunction<String, String, Incident> action) {
        actFromPage(ctx, null, action);
    }

    /** Acts, then shows the incident again; a refusal is a page that says why (and names the form field). */
    private void actFromPage(Context ctx, String field, BiFunction<String, String, Incident> action) {
        Incident incident = attempt(ctx, field, action);
        ctx.redirect("/incidents/" + incident.number(), HttpStatus.SEE_OTHER);
    }

    private static java.time.Duration formLength(Context ctx) {
        String written = ctx.formParam("duration");
        return SnoozeLength.parse(written)
                .orElseThrow(() ->
                        HttpProblem.badRequest("snooze for a number and a unit, like 30m, 2h or 1h30m", "duration"));
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

    /**
     * The body of {@code POST /api/v1/incidents/{id}/snooze}: {@code {"duration": "30m"}} or
     * {@code {"minutes": 30}}.
     */
    public record SnoozeFor(String duration, Double minutes) {}

    private void snooze(Context ctx) {
        if (ctx.bodyAsBytes().length == 0) {
            throw HttpProblem.badRequest(
                    "say how long to snooze: {\"duration\": \"30m\"} or {\"minutes\": 30}", "duration");
        }
        SnoozeFor body = requests.json(ctx, SnoozeFor.class);
        if (body.duration() != null && body.minutes() != null) {
            throw HttpProblem.badRequest("give duration or minutes, not both", "minutes");
        }
        java.time.Duration length;
        String field;
        if (body.minutes() != null) {
            double minutes = body.minutes();
            if (minutes != Math.rint(minutes) || Math.abs(minutes) > 1_000_000) {
                throw HttpProblem.badRequest("minutes must be a whole number from 1 to 1440", "minutes");
            }
            length = java.time.Duration.ofMinutes((long) minutes);
            field = "minutes";
        } else {
            length = SnoozeLength.parse(Requests.required(body.duration(), "duration"))
                    .orElseThrow(() -> HttpProblem.badRequest(
                            "duration must be a number and a unit, like 30m, 2h or 1h30m", "duration"));
            field = "duration";
        }
        ctx.json(attempt(ctx, field, (id, actor) -> incidents.snooze(id, length, actor)));
    }

    /** The body of {@code POST /api/v1/incidents/{id}/reassign}. */
    public record ReassignTo(String user) {}

    private void reassign(Context ctx) {
        String user = Requests.required(requests.json(ctx, ReassignTo.class).user(), "user");
        ctx.json(attempt(ctx, "user", (id, actor) -> incidents.reassign(id, user, actor)));
    }

    private void act(Context ctx, BiFunction<String, String, Incident> action) {
        ctx.json(attempt(ctx, null, action));
    }

    /**
     * Runs an action on the incident in the path, as the caller: 404 for no such incident, 409 for a move the
     * lifecycle refuses, 400 naming {@code field} for a value the action refuses (an unknown user, a snooze
     * too long).
     */
    private static Incident attempt(Context ctx, String field, BiFunction<String, String, Incident> action) {
        try {
            return action.apply(ctx.pathParam("id"), Caller.of(ctx).actor().name());
        } catch (NoSuchElementException e) {
            throw notFound(ctx);
        } catch (Incidents.IllegalMove e) {
            throw HttpProblem.conflict(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage(), field);
        }
    }

    private static HttpProblem notFound(Context ctx) {
        return HttpProblem.notFound(
                "no incident with id or number " + ctx.pathParam("id") + "; GET /api/v1/incidents lists them");
    }
}
