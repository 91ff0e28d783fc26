package dev.firewatch.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A schedule's next two weeks as the shapes of a small SVG drawn on the server: a row per layer, a row of
 * overrides, and the final row with gaps marked, and a line at now. Coordinates are in a viewBox 1000 wide, so
 * the drawing scales with the page and needs no script.
 */
public record Timeline(int height, List<Tick> ticks, List<Row> rows, String nowX) {
    static final Duration LENGTH = Duration.ofDays(14);
    private static final double WIDTH = 1000;
    private static final double LABELS = 110;
    private static final double TOP = 18;
    private static final double ROW = 24;
    private static final double SPACE = 6;
    private static final int COLOURS = 6;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d", Locale.ENGLISH);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    /** A day's line and its label. */
    public record Tick(String x, String label) {}

    public record Row(String label, String y, String textY, List<Bar> bars) {}

    /**
     * @param css {@code shift u3} (a colour per person), {@code shift override}, or {@code gap}
     * @param text shown inside the bar when it is wide enough; {@code title} always, on hover
     */
    public record Bar(String x, String width, String height, String css, String text, String title) {}

    /** Two weeks from the start of today in the schedule's zone. */
    public static Timeline of(OnCallSchedule schedule, Instant now) {
        ZoneId zone = schedule.spec().zone();
        Instant from = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        Instant to = from.plus(LENGTH);
        var scale = new Scale(from, to, zone);
        List<Row> rows = new ArrayList<>();
        var layers = schedule.spec().layers();
        for (int i = 0; i < layers.size(); i++) {
            rows.add(scale.row(
                    rows.size(),
                    layers.get(i).name(),
                    schedule.layerShifts(i, from, to).stream()
                            .map(s -> scale.bar(s.start(), s.end(), "shift " + colour(s.user()), s.user()))
                            .toList()));
        }
        rows.add(scale.row(
                rows.size(),
                "Overrides",
                schedule.overrides(from, to).stream()
                        .map(o -> scale.bar(o.start(), o.end(), "shift override " + colour(o.user()), o.user()))
                        .toList()));
        var coverage = schedule.coverage(from, to);
        List<Bar> finals = new ArrayList<>();
        coverage.shifts()
                .forEach(s -> finals.add(scale.bar(
                        s.start(),
                        s.end(),
                        "shift " + colour(s.user()) + (s.source() instanceof Shift.FromOverride ? " override" : ""),
                        s.user())));
        coverage.gaps().forEach(g -> finals.add(scale.bar(g.start(), g.end(), "gap", "nobody")));
        rows.add(scale.row(rows.size(), "Final", finals));
        List<Tick> ticks = new ArrayList<>();
        for (LocalDate day = from.atZone(zone).toLocalDate(); ticks.size() < LENGTH.toDays(); day = day.plusDays(1)) {
            ticks.add(new Tick(scale.x(day.atStartOfDay(zone).toInstant()), DAY.format(day)));
        }
        int height = (int) Math.ceil(TOP + rows.size() * (ROW + SPACE));
        return new Timeline(height, ticks, rows, scale.x(now));
    }

    /** The same person gets the same colour on every row and every page. */
    static String colour(String user) {
        return "u" + Math.floorMod(user.hashCode(), COLOURS);
    }

    private record Scale(Instant from, Instant to, ZoneId zone) {
        String x(Instant at) {
            Instant clamped = at.isBefore(from) ? from : at.isAfter(to) ? to : at;
            double share = (double) Duration.between(from, clamped).toMillis()
                    / Duration.between(from, to).toMillis();
            return number(LABELS + share * (WIDTH - LABELS));
        }

        Bar bar(Instant start, Instant end, String css, String text) {
            double left = Double.parseDouble(x(start));
            double width = Double.parseDouble(x(end)) - left;
            String title = text + ": " + WHEN.format(start.atZone(zone)) + " to " + WHEN.format(end.atZone(zone));
            int fits = (int) (width / 7);
            String shown = fits < 4 ? "" : text.length() <= fits ? text : text.substring(0, fits - 1) + "…";
            return new Bar(number(left), number(width), number(ROW), css, shown, title);
        }

        Row row(int index, String label, List<Bar> bars) {
            double y = TOP + index * (ROW + SPACE);
            return new Row(label, number(y), number(y + ROW * 0.68), bars);
        }

        private static String number(double value) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
    }
}
