package dev.firewatch.probe;

import dev.firewatch.web.Format;
import dev.firewatch.web.Frame;
import java.util.List;

/** What the monitor pages show: plain values, computed before the template runs. */
public final class MonitorPages {
    private MonitorPages() {}

    /** {@code /monitors}: the live table and its frame. */
    public record Listing(Frame frame, Table table) {}

    /**
     * The part htmx refreshes every five seconds.
     *
     * @param summary "12 monitors: 10 up, 1 down, 1 degraded"
     * @param attention monitors that are not up, whatever page the table is on
     * @param next the name to page on from, null on the last page
     */
    public record Table(String summary, List<Row> attention, List<Row> rows, String after, String next) {
        public String query() {
            return after == null
                    ? ""
                    : "after=" + java.net.URLEncoder.encode(after, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** One monitor's row. */
    public record Row(
            String name,
            String service,
            String kind,
            String state,
            String css,
            String since,
            String lastResult,
            String uptimeDay,
            String uptimeWeek,
            String uptimeMonth,
            String spark,
            String sparkTitle) {
        public String href() {
            return "/monitors/"
                    + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                            .replace("+", "%20");
        }
    }

    /** {@code /monitors/{name}}. */
    public record Detail(
            Frame frame,
            Row row,
            String host,
            String interval,
            String reason,
            String target,
            long chartMax,
            String p50,
            String p95,
            List<Charts.Bar> bars,
            List<Result> results) {}

    /** A result in the detail page's list. */
    public record Result(String at, String outcome, String css, long responseTimeMs, String failure) {
        static Result of(ResultRow row) {
            return new Result(
                    Format.when(row.at()),
                    row.outcome(),
                    row.passed() ? "ok" : row.held() ? "warn" : "bad",
                    row.responseTimeMs(),
                    row.failure() == null ? "" : row.failure());
        }
    }

    static String css(MonitorState state) {
        return switch (state) {
            case UP -> "ok";
            case DOWN -> "bad";
            case DEGRADED, UNKNOWN -> "warn";
            case PENDING -> "muted";
        };
    }
}
