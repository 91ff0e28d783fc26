package dev.firewatch.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small charts drawn on the server as inline SVG: the page gets coordinates, not a script. Values are scaled into
 * a box {@code width × height} with the origin at the bottom left.
 */
public final class Charts {
    private Charts() {}

    /** One bar of the uptime bars: a day, its colour class and what hovering says. */
    public record Bar(int x, String css, String title) {}

    /**
     * The {@code points} of an SVG polyline through {@code values} (oldest first) spread over the width; a value
     * below zero (no data) breaks nothing, it is drawn at zero.
     */
    public static String points(List<Long> values, long max, int width, int height) {
        if (values.isEmpty()) {
            return "";
        }
        StringBuilder points = new StringBuilder();
        double step = values.size() == 1 ? 0 : (double) width / (values.size() - 1);
        for (int i = 0; i < values.size(); i++) {
            double y = height - (double) Math.max(0, values.get(i)) / Math.max(1, max) * (height - 2) - 1;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", i * step, y));
        }
        return points.toString().strip();
    }

    /** A round ceiling for a chart's scale: 87 ms is drawn against 100, 730 against 1000. */
    public static long scale(long max) {
        long[] steps = {10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000};
        for (long step : steps) {
            if (max <= step) {
                return step;
            }
        }
        return max;
    }

    /** Uptime bars of days, oldest first: green at 99.9 % and above, amber from 99 %, red below, grey without checks. */
    public static List<Bar> uptimeBars(List<Rollup> days, java.time.Instant firstDay, int count, int barWidth) {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            java.time.Instant day = firstDay.plus(java.time.Duration.ofDays(i));
            Double percent = Uptime.percent(
                    days.stream().filter(d -> d.bucket().equals(day)).toList());
            String css = percent == null ? "none" : percent >= 99.9 ? "ok" : percent >= 99.0 ? "warn" : "bad";
            bars.add(new Bar(i * barWidth, css, day.toString().substring(0, 10) + ": " + Uptime.shown(percent)));
        }
        return bars;
    }
}
