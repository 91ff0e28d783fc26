package dev.firewatch.oncall;

import dev.firewatch.auth.Access;
import dev.firewatch.auth.Caller;
import dev.firewatch.auth.Role;
import dev.firewatch.web.HttpProblem;
import dev.firewatch.web.Listing;
import dev.firewatch.web.Requests;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/** {@code /api/v1/schedules}, {@code /api/v1/users/{name}/shifts} and the secret calendar feeds. */
public final class OnCallRoutes implements RouteSet {
    static final Duration DEFAULT_RANGE = Duration.ofDays(14);
    static final Duration LONGEST_RANGE = Duration.ofDays(93);

    /** The body of {@code POST /api/v1/schedules/{name}/overrides}. */
    public record NewOverride(String user, String start, String end, String reason) {}

    private final Schedules schedules;
    private final Calendars calendars;
    private final Requests requests;
    private final Clock clock;
    private final String publicUrl;

    public OnCallRoutes(Schedules schedules, Calendars calendars, Requests requests, Clock clock, String publicUrl) {
        this.schedules = schedules;
        this.calendars = calendars;
        this.requests = requests;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/schedules", this::list, Access.VIEWER);
        routes.get("/api/v1/schedules/{name}", this::show, Access.VIEWER);
        routes.get("/api/v1/schedules/{name}/oncall", this::onCall, Access.VIEWER);
        routes.get("/api/v1/schedules/{name}/shifts", this::shifts, Access.VIEWER);
        routes.get("/api/v1/schedules/{name}/overrides", this::overrides, Access.VIEWER);
        routes.post("/api/v1/schedules/{name}/overrides", this::createOverride, Access.RESPONDER);
        routes.delete("/api/v1/schedules/{name}/overrides/{id}", this::removeOverride, Access.RESPONDER);
        routes.post("/api/v1/schedules/{name}/calendar", this::renewScheduleCalendar, Access.RESPONDER);
        routes.get("/api/v1/users/{name}/shifts", this::userShifts, Access.VIEWER);
        routes.post("/api/v1/users/{name}/calendar", this::renewUserCalendar, Access.VIEWER);
        // Calendar apps cannot sign in: the secret token in the link is the credential.
        routes.get("/oncall/calendar/{token}.ics", this::feed, Access.PUBLIC);
    }

    private void list(Context ctx) {
        Instant now = clock.instant();
        ctx.json(Listing.of(
                "schedules",
                schedules.all(now).stream()
                        .map(s -> ScheduleViews.schedule(s, now))
                        .toList(),
                null));
    }

    private void show(Context ctx) {
        Instant now = clock.instant();
        ctx.json(ScheduleViews.schedule(schedule(ctx, now), now));
    }

    private void onCall(Context ctx) {
        Instant at = time(ctx, "at", clock.instant());
        ctx.json(ScheduleViews.onCall(schedule(ctx, at), at));
    }

    private void shifts(Context ctx) {
        Instant from = time(ctx, "from", clock.instant());
        Instant to = to(ctx, from);
        OnCallSchedule schedule = schedule(ctx, from);
        var coverage = schedule.coverage(from, to);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "shifts",
                coverage.shifts().stream()
                        .map(s -> ScheduleViews.shift(schedule.name(), s))
                        .toList());
        body.put(
                "gaps",
                coverage.gaps().stream()
                        .map(g -> new ScheduleViews.GapView(g.start(), g.end()))
                        .toList());
        body.put("next_cursor", null);
        ctx.json(body);
    }

    private void userShifts(Context ctx) {
        String user = user(ctx);
        Instant from = time(ctx, "from", clock.instant());
        Instant to = to(ctx, from);
        ctx.json(Listing.of(
                "shifts",
                schedules.shiftsOf(user, from, to).stream()
                        .map(p -> ScheduleViews.shift(p.schedule(), p.shift()))
                        .toList(),
                null));
    }

    private void overrides(Context ctx) {
        String name = schedule(ctx, clock.instant()).name();
        ctx.json(Listing.of(
                "overrides",
                schedules.overridesNotEnded(Optional.of(name), clock.instant()).stream()
                        .toList(),
                null));
    }

    private void createOverride(Context ctx) {
        String name = schedule(ctx, clock.instant()).name();
        NewOverride body = requests.json(ctx, NewOverride.class);
        Instant start = body.start() == null ? clock.instant() : parse(body.start(), "start");
        Instant end = parse(Requests.required(body.end(), "end"), "end");
        try {
            var override = schedules.override(Caller.of(ctx).actor(), name, body.user(), start, end, body.reason());
            ctx.status(201).json(override);
        } catch (Schedules.Refused refused) {
            throw HttpProblem.badRequest(refused.getMessage(), null);
        }
    }

    private void removeOverride(Context ctx) {
        String name = schedule(ctx, clock.instant()).name();
        String id = ctx.pathParam("id");
        var override = schedules.findOverride(id).filter(o -> o.schedule().equals(name));
        if (override.isEmpty()) {
            throw HttpProblem.notFound("schedule " + name + " has no override with id " + id
                    + "; GET /api/v1/schedules/" + name + "/overrides lists them");
        }
        try {
            ctx.json(schedules.removeOverride(Caller.of(ctx).actor(), id));
        } catch (NoSuchElementException removedMeanwhile) {
            throw HttpProblem.notFound("the override " + id + " was removed meanwhile");
        }
    }

    private void renewScheduleCalendar(Context ctx) {
        String name = schedule(ctx, clock.instant()).name();
        link(ctx, calendars.renewForSchedule(Caller.of(ctx).actor(), name));
    }

    /** A person makes their own link; an admin may make anyone's. */
    private void renewUserCalendar(Context ctx) {
        String user = user(ctx);
        Caller caller = Caller.of(ctx);
        boolean self = caller.viewer() != null && caller.viewer().name().equals(user);
        boolean admin = caller.role().map(r -> r.includes(Role.ADMIN)).orElse(false);
        if (!self && !admin) {
            throw new HttpProblem(
                    403, "only " + user + " (signed in) or an admin can make " + user + "'s calendar link", null);
        }
        link(ctx, calendars.renewForUser(caller.actor(), user));
    }

    private void link(Context ctx, String token) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("url", feedUrl(publicUrl, token));
        body.put(
                "note",
                "the link is the password to this calendar and is shown only now; making a new one turns"
                        + " this one off");
        ctx.status(201).json(body);
    }

    static String feedUrl(String publicUrl, String token) {
        return publicUrl + "/oncall/calendar/" + token + ".ics";
    }

    private void feed(Context ctx) {
        var calendar = calendars.feed(ctx.pathParam("token"));
        if (calendar.isEmpty()) {
            throw HttpProblem.notFound("no calendar at this link; it may have been replaced by a newer one");
        }
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/calendar; charset=utf-8").result(calendar.get());
    }

    private String user(Context ctx) {
        String name = ctx.pathParam("name");
        if (!schedules.knows(name)) {
            throw HttpProblem.notFound("no user named \"" + name + "\"; the config's users: section declares people");
        }
        return name;
    }

    private OnCallSchedule schedule(Context ctx, Instant from) {
        String name = ctx.pathParam("name");
        return schedules
                .schedule(name, from)
                .orElseThrow(() ->
                        HttpProblem.notFound("no schedule named \"" + name + "\"; GET /api/v1/schedules lists them"));
    }

    /** {@code ?to=}, after {@code from} and at most 93 days on; two weeks when absent. */
    private static Instant to(Context ctx, Instant from) {
        Instant to = time(ctx, "to", from.plus(DEFAULT_RANGE));
        if (!to.isAfter(from)) {
            throw HttpProblem.badRequest("to must be after from (" + from + ")", "to");
        }
        if (Duration.between(from, to).compareTo(LONGEST_RANGE) > 0) {
            throw HttpProblem.badRequest("from and to may be at most 93 days apart; ask for less at a time", "to");
        }
        return to;
    }

    static Instant time(Context ctx, String parameter, Instant absent) {
        String text = ctx.queryParam(parameter);
        return text == null || text.isBlank() ? absent : parse(text, parameter);
    }

    /** An RFC 3339 time, {@code 2026-11-23T09:00:00Z} or with an offset, within reason. */
    static Instant parse(String text, String field) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw HttpProblem.badRequest(
                    field + " must be an RFC 3339 time like 2026-11-23T09:00:00Z or 2026-11-23T10:00:00+01:00", field);
        }
        if (instant.isBefore(Schedules.EARLIEST) || instant.isAfter(Schedules.LATEST)) {
            throw HttpProblem.badRequest(field + " must be between 1970 and 9000", field);
        }
        return instant;
    }
}
