package dev.firewatch.probe;

import dev.firewatch.auth.Access;
import dev.firewatch.auth.Caller;
import dev.firewatch.web.Format;
import dev.firewatch.web.Frame;
import dev.firewatch.web.HttpProblem;
import dev.firewatch.web.Listing;
import dev.firewatch.web.Pages;
import dev.firewatch.web.Requests;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code /monitors}, {@code /monitors/{name}} and {@code /api/v1/monitors}: what the monitors say, for viewers. */
public final class MonitorRoutes implements RouteSet {
    /** Rows per page of the table; the API pages with limit and cursor. */
    private static final int PAGE = 100;

    private static final int SPARK_RESULTS = 30;
    private static final int DETAIL_RESULTS = 50;
    private static final int UPTIME_DAYS = 90;

    private final Monitors monitors;
    private final Pages pages;
    private final Clock clock;

    public MonitorRoutes(Monitors monitors, Pages pages, Clock clock) {
        this.monitors = monitors;
        this.pages = pages;
        this.clock = clock;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/monitors", this::list, Access.VIEWER);
        routes.get("/api/v1/monitors/{name}", ctx -> ctx.json(monitors.view(monitor(ctx))), Access.VIEWER);
        routes.get("/api/v1/monitors/{name}/results", this::results, Access.VIEWER);
        routes.get("/monitors", this::page, Access.VIEWER);
        routes.get("/monitors/{name}", this::detail, Access.VIEWER);
    }

    private void list(Context ctx) {
        int limit = Requests.limit(ctx);
        String cursor = blankToNull(ctx.queryParam("cursor"));
        List<MonitorSpec> page = monitors.page(cursor, limit + 1);
        String next = page.size() > limit ? page.get(limit - 1).name() : null;
        ctx.json(Listing.of("monitors", monitors.views(page.subList(0, Math.min(limit, page.size()))), next));
    }

    private void results(Context ctx) {
        MonitorSpec monitor = monitor(ctx);
        int limit = Requests.limit(ctx);
        List<ResultRow> rows = monitors.results(monitor.name(), resultCursor(ctx), limit + 1);
        String next = rows.size() > limit ? rows.get(limit - 1).id() : null;
        ctx.json(Listing.of(
                "results",
                rows.subList(0, Math.min(limit, rows.size())).stream()
                        .map(r -> new ResultView(
                                r.id(), r.at(), r.outcome(), r.passed(), r.responseTimeMs(), r.failure()))
                        .toList(),
                next));
    }

    /** A result's id as next_cursor gave it: a whole number. */
    private static Long resultCursor(Context ctx) {
        String text = blankToNull(ctx.queryParam("cursor"));
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest(
                    "cursor must be a result id as next_cursor gave it, like 1764470055926001; leave it out for"
                            + " the newest",
                    "cursor");
        }
    }

    /** One result as the API returns it. */
    record ResultView(String id, Instant at, String outcome, boolean passed, long responseTimeMs, String failure) {}

    private void page(Context ctx) {
        Frame frame =
                new Frame("Monitors", Frame.Section.MONITORS, Caller.of(ctx).viewer());
        MonitorPages.Table table = table(blankToNull(ctx.queryParam("after")));
        // htmx asks again every five seconds for the table alone.
        if ("true".equals(ctx.header("HX-Request"))) {
            pages.render(ctx, "probe/table.jte", table);
        } else {
            pages.render(ctx, "probe/monitors.jte", new MonitorPages.Listing(frame, table));
        }
    }

    private MonitorPages.Table table(String after) {
        Instant now = clock.instant();
        Map<String, MonitorStatus> all = monitors.statuses();
        Map<MonitorState, Integer> counts = new TreeMap<>();
        all.values().forEach(s -> counts.merge(s.state(), 1, Integer::sum));
        StringBuilder summary = new StringBuilder(all.size() + (all.size() == 1 ? " monitor" : " monitors"));
        String separator = ": ";
        for (var count : counts.entrySet()) {
            summary.append(separator)
                    .append(count.getValue())
                    .append(' ')
                    .append(count.getKey().wireName());
            separator = ", ";
        }
        List<MonitorSpec> troubled = all.values().stream()
                .filter(s -> s.state() != MonitorState.UP && s.state() != MonitorState.PENDING)
                .sorted(Comparator.comparing(MonitorStatus::since))
                .limit(50)
                .map(s -> monitors.find(s.name()).orElse(null))
                .filter(java.util.Objects::nonNull)
                .toList();
        List<MonitorSpec> page = monitors.page(after, PAGE + 1);
        String next = page.size() > PAGE ? page.get(PAGE - 1).name() : null;
        return new MonitorPages.Table(
                summary.toString(),
                rows(troubled, now),
                rows(page.subList(0, Math.min(PAGE, page.size())), now),
                after,
                next);
    }

    private List<MonitorPages.Row> rows(List<MonitorSpec> specs, Instant now) {
        List<MonitorPages.Row> rows = new ArrayList<>();
        for (MonitorView view : monitors.views(specs)) {
            List<Long> times = monitors.results(view.name(), null, SPARK_RESULTS).reversed().stream()
                    .map(ResultRow::responseTimeMs)
                    .toList();
            long max = times.stream().mapToLong(Long::longValue).max().orElse(0);
            rows.add(new MonitorPages.Row(
                    view.name(),
                    view.service(),
                    view.kind(),
                    view.flapping() ? view.state() + " (flapping)" : view.state(),
                    MonitorPages.css(MonitorState.parse(view.state())),
                    Format.when(view.since()),
                    lastResult(view.lastResult()),
                    Uptime.shown(view.uptime().day()),
                    Uptime.shown(view.uptime().week()),
                    Uptime.shown(view.uptime().month()),
                    Charts.points(times, Charts.scale(max), 120, 24),
                    times.isEmpty()
                            ? "no results yet"
                            : "last " + times.size() + " response times, up to " + max + " ms"));
        }
        return rows;
    }

    private static String lastResult(MonitorView.LastResult last) {
        if (last == null) {
            return "not checked yet";
        }
        return (last.passed() ? "passed" : "failed: " + last.failure()) + " · " + last.responseTimeMs() + " ms · "
                + Format.when(last.at());
    }

    private void detail(Context ctx) {
        MonitorSpec monitor = monitor(ctx);
        Instant now = clock.instant();
        MonitorView view = monitors.view(monitor);
        MonitorPages.Row row = rows(List.of(monitor), now).getFirst();
        List<Rollup> minutes = monitors.rollups(
                monitor.name(),
                Rollup.Resolution.MINUTE,
                Rollup.Resolution.MINUTE.bucketOf(now.minus(Duration.ofHours(24))));
        long max = Charts.scale(
                minutes.stream().mapToLong(m -> m.percentile(95)).max().orElse(0));
        Instant firstDay = Rollup.Resolution.DAY.bucketOf(now.minus(Duration.ofDays(UPTIME_DAYS - 1)));
        pages.render(
                ctx,
                "probe/monitor.jte",
                new MonitorPages.Detail(
                        new Frame(
                                monitor.name() + " · Monitors",
                                Frame.Section.MONITORS,
                                Caller.of(ctx).viewer()),
                        row,
                        monitor.probe().host(),
                        WindowRules.shown(monitor.interval()),
                        view.reason(),
                        target(monitor.probe()),
                        max,
                        Charts.points(
                                minutes.stream().map(m -> m.percentile(50)).toList(), max, 600, 120),
                        Charts.points(
                                minutes.stream().map(m -> m.percentile(95)).toList(), max, 600, 120),
                        Charts.uptimeBars(
                                monitors.rollups(monitor.name(), Rollup.Resolution.DAY, firstDay),
                                firstDay,
                                UPTIME_DAYS,
                                6),
                        monitors.results(monitor.name(), null, DETAIL_RESULTS).stream()
                                .map(MonitorPages.Result::of)
                                .toList()));
    }

    /** What the monitor checks, without secrets: a SQL monitor's URL is never shown. */
    private static String target(ProbeSpec probe) {
        return switch (probe) {
            case ProbeSpec.Http http
            when http.isOwn() -> http.method() + " " + http.url().getPath() + " of this Firewatch";
            // Without user info and query, which may carry secrets.
            case ProbeSpec.Http http ->
                http.method() + " " + http.url().getScheme() + "://"
                        + http.url().getHost()
                        + (http.url().getPort() < 0 ? "" : ":" + http.url().getPort())
                        + (http.url().getPath() == null ? "" : http.url().getPath());
            case ProbeSpec.Tcp tcp -> "TCP " + tcp.host() + ":" + tcp.port();
            case ProbeSpec.Tls tls -> "TLS " + tls.host() + ":" + tls.port();
            case ProbeSpec.Dns dns -> "DNS " + dns.host();
            case ProbeSpec.Sql sql -> "SQL on " + (sql.host().isEmpty() ? "a local database" : sql.host());
        };
    }

    private MonitorSpec monitor(Context ctx) {
        String name = ctx.pathParam("name");
        return monitors.find(name)
                .orElseThrow(() ->
                        HttpProblem.notFound("no monitor named \"" + name + "\"; GET /api/v1/monitors lists them"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
