package dev.firewatch.alert.silence;

import dev.firewatch.auth.Access;
import dev.firewatch.auth.Caller;
import dev.firewatch.auth.Role;
import dev.firewatch.web.Frame;
import dev.firewatch.web.HttpProblem;
import dev.firewatch.web.Listing;
import dev.firewatch.web.Pages;
import dev.firewatch.web.Requests;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /api/v1/silences}: list, create (matchers and an end or a duration), expire. */
public final class SilenceRoutes implements RouteSet {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([mhd])");

    /** The body of {@code POST /api/v1/silences}. */
    public record NewSilence(String matchers, String startsAt, String endsAt, String duration, String comment) {}

    /** A silence as the API shows it. */
    public record View(
            String id,
            String matchers,
            Instant startsAt,
            Instant endsAt,
            String createdBy,
            String comment,
            String state) {}

    /** Models of the silence pages. */
    public record ListPage(Frame frame, List<View> silences, boolean canAct) {}

    public record NewPage(Frame frame, String matchers, String duration, String comment, List<String> problems) {}

    private final Silences silences;
    private final Requests requests;
    private final Clock clock;
    private final Pages pages;

    public SilenceRoutes(Silences silences, Requests requests, Clock clock, Pages pages) {
        this.silences = silences;
        this.requests = requests;
        this.clock = clock;
        this.pages = pages;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/silences", this::list, Access.VIEWER);
        routes.post("/api/v1/silences", this::create, Access.RESPONDER);
        routes.post("/api/v1/silences/{id}/expire", this::expire, Access.RESPONDER);

        routes.get("/silences", this::listPage, Access.VIEWER);
        routes.get(
                "/silences/new",
                ctx -> newPage(ctx, orEmpty(ctx.queryParam("matchers")), "2h", "", List.of()),
                Access.RESPONDER);
        routes.post("/silences", this::createFromForm, Access.RESPONDER);
        routes.post("/silences/{id}/expire", this::expireFromForm, Access.RESPONDER);
    }

    private void listPage(Context ctx) {
        Instant now = clock.instant();
        boolean canAct =
                Caller.of(ctx).role().map(r -> r.includes(Role.RESPONDER)).orElse(false);
        pages.render(
                ctx,
                "alert/silences.jte",
                new ListPage(
                        frame(ctx, "Silences"),
                        silences.list().stream().map(s -> view(s, now)).toList(),
                        canAct));
    }

    private void newPage(Context ctx, String matchers, String duration, String comment, List<String> problems) {
        pages.render(
                ctx,
                "alert/silence_new.jte",
                new NewPage(frame(ctx, "New silence"), matchers, duration, comment, problems));
    }

    private void createFromForm(Context ctx) {
        String matchers = orEmpty(ctx.formParam("matchers"));
        String duration = orEmpty(ctx.formParam("duration"));
        String comment = orEmpty(ctx.formParam("comment"));
        try {
            Instant now = clock.instant();
            silences.create(Caller.of(ctx).actor(), matchers, now, now.plus(duration(duration)), comment);
            ctx.redirect("/silences", HttpStatus.SEE_OTHER);
        } catch (Silences.Refused refused) {
            ctx.status(400);
            newPage(ctx, matchers, duration, comment, refused.problems());
        } catch (HttpProblem problem) {
            ctx.status(400);
            newPage(ctx, matchers, duration, comment, List.of(problem.getMessage()));
        }
    }

    private void expireFromForm(Context ctx) {
        try {
            silences.expire(Caller.of(ctx).actor(), ctx.pathParam("id"));
            ctx.redirect("/silences", HttpStatus.SEE_OTHER);
        } catch (NoSuchElementException e) {
            throw HttpProblem.notFound("no silence with id " + ctx.pathParam("id"));
        }
    }

    private static Frame frame(Context ctx, String title) {
        return new Frame(title, Frame.Section.ALERTS, Caller.of(ctx).viewer());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private void list(Context ctx) {
        Instant now = clock.instant();
        List<View> views = silences.list().stream().map(s -> view(s, now)).toList();
        ctx.json(Listing.of("silences", views, null));
    }

    private void create(Context ctx) {
        NewSilence body = requests.json(ctx, NewSilence.class);
        Instant start = body.startsAt() == null ? clock.instant() : time(body.startsAt(), "starts_at");
        Instant end;
        if (body.endsAt() != null) {
            end = time(body.endsAt(), "ends_at");
        } else if (body.duration() != null) {
            end = start.plus(duration(body.duration()));
        } else {
            throw HttpProblem.badRequest(
                    "say when the silence ends: ends_at (RFC 3339) or duration (30m, 2h, 1d)", "ends_at");
        }
        try {
            Silence silence = silences.create(Caller.of(ctx).actor(), body.matchers(), start, end, body.comment());
            ctx.status(201).json(view(silence, clock.instant()));
        } catch (Silences.Refused refused) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("error", refused.getMessage());
            answer.put("errors", refused.problems());
            ctx.status(400).json(answer);
        }
    }

    private void expire(Context ctx) {
        try {
            ctx.json(view(silences.expire(Caller.of(ctx).actor(), ctx.pathParam("id")), clock.instant()));
        } catch (NoSuchElementException e) {
            throw HttpProblem.notFound(
                    "no silence with id " + ctx.pathParam("id") + "; GET /api/v1/silences lists them");
        }
    }

    public static View view(Silence silence, Instant now) {
        return new View(
                silence.id(),
                silence.matchers().toString(),
                silence.startsAt(),
                silence.endsAt(),
                silence.createdBy(),
                silence.comment(),
                silence.stateAt(now).name().toLowerCase(java.util.Locale.ROOT));
    }

    private static Instant time(String text, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw HttpProblem.badRequest(field + " must be an RFC 3339 time like 2026-11-23T04:00:00Z", field);
        }
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw HttpProblem.badRequest("duration must be a number and a unit: 30m, 2h or 1d", "duration");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
