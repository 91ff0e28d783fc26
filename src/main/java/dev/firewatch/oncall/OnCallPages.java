package dev.firewatch.oncall;

import dev.firewatch.auth.Access;
import dev.firewatch.auth.Caller;
import dev.firewatch.auth.Role;
import dev.firewatch.auth.UserSpec;
import dev.firewatch.web.Frame;
import dev.firewatch.web.HttpProblem;
import dev.firewatch.web.Pages;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code /oncall}: who is on call now, two weeks of each schedule, overrides, my shifts, calendar links. */
public final class OnCallPages implements RouteSet {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");
    static final Duration MY_SHIFTS_AHEAD = Duration.ofDays(28);
    /** Enough to plan the next weeks by; the calendar link has the rest. */
    static final int MY_SHIFTS_SHOWN = 10;

    /** One schedule on the page; times are in the schedule's zone. */
    public record Card(
            String name,
            String description,
            String zone,
            String onCall,
            String until,
            String why,
            Timeline timeline,
            String gapWarning,
            List<OverrideRow> overrides,
            String formFrom,
            String formUntil) {}

    public record OverrideRow(String id, String user, String from, String until, String by, String reason) {}

    public record MyShift(String schedule, String from, String until, String why) {}

    /** A secret calendar link, shown once right after it is made. */
    public record NewLink(String forWhat, String url) {}

    public record Page(
            Frame frame,
            List<Card> schedules,
            boolean canAct,
            boolean person,
            List<MyShift> myShifts,
            List<String> responders,
            List<String> problems,
            NewLink newLink) {}

    private final Schedules schedules;
    private final Calendars calendars;
    private final Supplier<List<UserSpec>> users;
    private final Pages pages;
    private final Clock clock;
    private final String publicUrl;

    public OnCallPages(
            Schedules schedules,
            Calendars calendars,
            Supplier<List<UserSpec>> users,
            Pages pages,
            Clock clock,
            String publicUrl) {
        this.schedules = schedules;
        this.calendars = calendars;
        this.users = users;
        this.pages = pages;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/oncall", ctx -> render(ctx, List.of(), null), Access.VIEWER);
        routes.post("/oncall/overrides", this::createOverride, Access.RESPONDER);
        routes.post("/oncall/overrides/{id}/remove", this::removeOverride, Access.RESPONDER);
        routes.post("/oncall/schedules/{name}/calendar", this::scheduleLink, Access.RESPONDER);
        routes.post("/oncall/my-calendar", this::myLink, Access.VIEWER);
    }

    private void render(Context ctx, List<String> problems, NewLink newLink) {
        Instant now = clock.instant();
        Caller caller = Caller.of(ctx);
        Optional<String> person = caller instanceof Caller.SignedIn signedIn
                ? Optional.of(signedIn.session().userName())
                : Optional.empty();
        // Each timeline starts at midnight in its schedule's zone, less than a day ago: the overrides since then count.
        List<Card> cards = schedules.all(now.minus(Duration.ofDays(1))).stream()
                .map(s -> card(s, now))
                .toList();
        List<MyShift> mine = person.map(name -> schedules.shiftsOf(name, now, now.plus(MY_SHIFTS_AHEAD)).stream()
                        .limit(MY_SHIFTS_SHOWN)
                        .map(p -> myShift(p, zoneOf(p.schedule())))
                        .toList())
                .orElse(List.of());
        pages.render(
                ctx,
                "oncall/oncall.jte",
                new Page(
                        new Frame("On-call", Frame.Section.ON_CALL, caller.viewer()),
                        cards,
                        caller.role().map(r -> r.includes(Role.RESPONDER)).orElse(false),
                        person.isPresent(),
                        mine,
                        users.get().stream()
                                .filter(u -> u.role().includes(Role.RESPONDER))
                                .map(UserSpec::name)
                                .toList(),
                        problems,
                        newLink));
    }

    private Card card(OnCallSchedule schedule, Instant now) {
        ZoneId zone = schedule.spec().zone();
        var onCall = schedule.whoIsOnCall(now);
        return new Card(
                schedule.name(),
                schedule.spec().description(),
                zone.getId(),
                onCall.map(Shift::user).orElse(null),
                onCall.map(s -> when(s.end(), zone)).orElse(""),
                onCall.map(OnCallPages::why).orElse(""),
                Timeline.of(schedule, now),
                GapWarning.of(schedule, now).orElse(null),
                schedule.overrides(now, Instant.MAX).stream()
                        .map(o -> new OverrideRow(
                                o.id(),
                                o.user(),
                                when(o.start(), zone),
                                when(o.end(), zone),
                                o.createdBy(),
                                o.reason()))
                        .toList(),
                INPUT.format(now.atZone(zone)),
                INPUT.format(now.plus(Duration.ofHours(4)).atZone(zone)));
    }

    private static MyShift myShift(Schedules.PersonalShift p, ZoneId zone) {
        Shift shift = p.shift();
        return new MyShift(p.schedule(), when(shift.start(), zone), when(shift.end(), zone), why(shift));
    }

    private static String why(Shift shift) {
        return switch (shift.source()) {
            case Shift.FromLayer layer -> layer.name();
            case Shift.FromOverride override ->
                "override by " + override.createdBy() + (override.reason().isEmpty() ? "" : ": " + override.reason());
        };
    }

    private ZoneId zoneOf(String schedule) {
        return schedules.specs().stream()
                .filter(s -> s.name().equals(schedule))
                .map(ScheduleSpec::zone)
                .findFirst()
                .orElse(java.time.ZoneOffset.UTC);
    }

    private static String when(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone));
    }

    /** The form's times are wall-clock times in the schedule's zone, as the page shows them. */
    private void createOverride(Context ctx) {
        String name = orEmpty(ctx.formParam("schedule"));
        var spec = schedules.specs().stream().filter(s -> s.name().equals(name)).findFirst();
        if (spec.isEmpty()) {
            throw HttpProblem.notFound("no schedule named \"" + name + "\"");
        }
        try {
            ZoneId zone = spec.get().zone();
            String from = orEmpty(ctx.formParam("from"));
            Instant start = from.isBlank() ? clock.instant() : local(from, zone, "From");
            Instant end = local(orEmpty(ctx.formParam("until")), zone, "Until");
            schedules.override(
                    Caller.of(ctx).actor(), name, ctx.formParam("user"), start, end, ctx.formParam("reason"));
            ctx.redirect("/oncall", HttpStatus.SEE_OTHER);
        } catch (Schedules.Refused refused) {
            ctx.status(400);
            render(ctx, List.of(refused.getMessage()), null);
        }
    }

    private static Instant local(String text, ZoneId zone, String field) {
        try {
            return LocalDateTime.parse(text.strip()).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new Schedules.Refused(
                    field + " must be a date and time like 2026-06-03T14:00 (" + zone.getId() + ")");
        }
    }

    private void removeOverride(Context ctx) {
        try {
            schedules.removeOverride(Caller.of(ctx).actor(), ctx.pathParam("id"));
            ctx.redirect("/oncall", HttpStatus.SEE_OTHER);
        } catch (NoSuchElementException e) {
            throw HttpProblem.notFound("no override with id " + ctx.pathParam("id") + "; it may have been removed");
        }
    }

    private void scheduleLink(Context ctx) {
        String name = ctx.pathParam("name");
        if (schedules.specs().stream().noneMatch(s -> s.name().equals(name))) {
            throw HttpProblem.notFound("no schedule named \"" + name + "\"");
        }
        String token = calendars.renewForSchedule(Caller.of(ctx).actor(), name);
        render(ctx, List.of(), new NewLink("schedule " + name, OnCallRoutes.feedUrl(publicUrl, token)));
    }

    private void myLink(Context ctx) {
        if (!(Caller.of(ctx) instanceof Caller.SignedIn signedIn)) {
            throw HttpProblem.badRequest("a calendar of your shifts is for a person: sign in to make one", null);
        }
        String token =
                calendars.renewForUser(signedIn.actor(), signedIn.session().userName());
        render(ctx, List.of(), new NewLink("your shifts", OnCallRoutes.feedUrl(publicUrl, token)));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
