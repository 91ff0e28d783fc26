package dev.firewatch.paging;

import dev.firewatch.auth.Access;
import dev.firewatch.auth.Caller;
import dev.firewatch.oncall.OnCallSchedule;
import dev.firewatch.service.ServiceSpec;
import dev.firewatch.web.Frame;
import dev.firewatch.web.HttpProblem;
import dev.firewatch.web.Json;
import dev.firewatch.web.Pages;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * {@code /paging/dry-run}, the page, and {@code /api/v1/paging/dry-run}, its JSON: who an incident would page, and
 * where it would stop, before anything is sent. Reads the running config and the overrides in the store at each
 * request, so it answers for the config as it is now.
 */
public final class DryRunPages implements RouteSet {
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

    /** What was asked, as the form shows it back; {@code at} empty for now. */
    public record Asked(String service, String severity, String at) {}

    /**
     * The page's model.
     *
     * @param problem why the question cannot be answered, naming the parameter; empty when it can
     * @param zone the zone the form's time is read in: the chosen service's policy's
     * @param result empty until a question is asked and can be answered
     */
    public record Page(
            Frame frame,
            List<String> services,
            List<String> severities,
            Asked asked,
            String zone,
            String problem,
            Optional<Result> result) {}

    /** A walk, with the lines the page shows worked out here rather than in the template. */
    public record Result(
            DryRunWalk walk,
            String heading,
            String urgency,
            List<DryRunWalk.Step> steps,
            String repeats,
            List<String> changes,
            DryRunTimeline timeline) {
        public String when(Instant at) {
            return DryRunTimes.when(at, walk.zone());
        }

        public String offset(java.time.Duration offset) {
            return DryRunTimes.offset(offset);
        }

        public String length(java.time.Duration length) {
            return DryRunTimes.length(length);
        }
    }

    private final Supplier<DryRunConfig> config;
    private final BiFunction<String, Instant, Optional<OnCallSchedule>> schedules;
    private final Pages pages;
    private final Clock clock;

    /** @param schedules a schedule by name with its overrides from the given instant on, as {@code Schedules} gives */
    public DryRunPages(
            Supplier<DryRunConfig> config,
            BiFunction<String, Instant, Optional<OnCallSchedule>> schedules,
            Pages pages,
            Clock clock) {
        this.config = config;
        this.schedules = schedules;
        this.pages = pages;
        this.clock = clock;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/paging/dry-run", this::page, Access.VIEWER);
        routes.get("/api/v1/paging/dry-run", this::api, Access.VIEWER);
    }

    private void api(Context ctx) {
        DryRunConfig now = config.get();
        String service = required(
                ctx, "service", now.services().stream().map(ServiceSpec::name).toList());
        String severity = required(ctx, "severity", now.severities());
        try {
            ctx.json(DryRunView.of(walk(now, new Asked(service, severity, orEmpty(ctx.queryParam("at"))))));
        } catch (Refused refused) {
            throw HttpProblem.badRequest(refused.getMessage(), refused.parameter);
        }
    }

    private void page(Context ctx) {
        DryRunConfig now = config.get();
        List<String> services = now.services().stream().map(ServiceSpec::name).toList();
        String service = orEmpty(ctx.queryParam("service")).strip();
        String severity = orEmpty(ctx.queryParam("severity")).strip();
        Asked asked = new Asked(
                service.isEmpty() && !services.isEmpty() ? services.getFirst() : service,
                severity.isEmpty() ? now.severities().getFirst() : severity,
                orEmpty(ctx.queryParam("at")).strip());
        String problem = "";
        Optional<Result> result = Optional.empty();
        if (!service.isEmpty()) {
            try {
                result = Optional.of(result(walk(now, asked)));
            } catch (Refused refused) {
                problem = refused.getMessage();
                ctx.status(400);
            }
        }
        ZoneId zone = now.service(asked.service()).isPresent() ? now.zoneFor(asked.service()) : ZoneId.of("UTC");
        pages.render(
                ctx,
                "paging/dry_run.jte",
                new Page(
                        new Frame(
                                "Dry run",
                                Frame.Section.ESCALATION,
                                Caller.of(ctx).viewer()),
                        services,
                        now.severities(),
                        asked.at().isEmpty()
                                ? new Asked(
                                        asked.service(),
                                        asked.severity(),
                                        INPUT.format(clock.instant().atZone(zone)))
                                : asked,
                        DryRunTimes.name(zone),
                        problem,
                        result));
    }

    /** A question the dry run cannot answer, and the parameter at fault. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String parameter;

        Refused(String parameter, String message) {
            super(parameter + ": " + message, null, false, false);
            this.parameter = parameter;
        }
    }

    private DryRunWalk walk(DryRunConfig now, Asked asked) {
        now.unknownService(asked.service()).ifPresent(problem -> {
            throw new Refused("service", problem);
        });
        now.unknownSeverity(asked.severity()).ifPresent(problem -> {
            throw new Refused("severity", problem);
        });
        Instant at;
        try {
            at = asked.at().isBlank() ? clock.instant() : DryRunTimes.parse(asked.at(), now.zoneFor(asked.service()));
        } catch (IllegalArgumentException e) {
            throw new Refused("at", e.getMessage());
        }
        return new DryRun(now, schedules).walk(asked.service(), asked.severity(), at);
    }

    private static Result result(DryRunWalk walk) {
        ZoneId zone = walk.zone();
        String heading = "A " + walk.severity() + " incident on " + walk.service() + ", opened "
                + DryRunTimes.full(walk.openedAt(), zone) + " (" + Json.time(walk.openedAt()) + ")";
        return new Result(
                walk,
                heading,
                DryRunView.urgency(walk.urgency()),
                walk.rounds().isEmpty() ? List.of() : walk.rounds().getFirst().steps(),
                walk.repeats(),
                walk.changes().stream().map(c -> c.describe(zone)).toList(),
                DryRunTimeline.of(walk));
    }

    private static String required(Context ctx, String name, List<String> known) {
        String value = orEmpty(ctx.queryParam(name)).strip();
        if (value.isEmpty()) {
            throw HttpProblem.badRequest(name + " is required; one of " + String.join(", ", known), name);
        }
        return value;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
