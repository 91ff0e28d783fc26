package dev.firewatch.paging;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The first round of a dry run as the shapes of a small SVG drawn on the server, like the on-call timeline: time
 * runs left to right from the opening to just past the round's last notification, a row per target of each step,
 * a mark per notification at its time, and dead ends in red. Coordinates are in a viewBox 1000 wide, so the drawing scales with the page and needs no
 * script.
 */
public record DryRunTimeline(int height, List<Tick> ticks, List<Row> rows) {
    private static final double WIDTH = 1000;
    private static final double LABELS = 240;
    private static final double RIGHT = 20;
    private static final double TOP = 30;
    private static final double ROW = 22;
    private static final int COLOURS = 6;

    /** Where each row's line starts, right of the labels. */
    public String laneFrom() {
        return number(LABELS);
    }

    public String laneTo() {
        return number(WIDTH - RIGHT);
    }

    /** A step's start: a line down the drawing, labelled with its offset. */
    public record Tick(String x, String y, String label) {}

    /** @param dead true when this target reaches nobody: its label and line are drawn in red */
    public record Row(String label, String y, String textY, boolean dead, List<Mark> marks) {}

    /**
     * @param css {@code mark u3} (a colour per person or channel, as on the on-call page) or {@code mark dead}
     * @param title what the mark is, on hover: method, time, and why it never sends
     */
    public record Mark(String x, String css, String title) {}

    public static DryRunTimeline of(DryRunWalk walk) {
        if (walk.rounds().isEmpty()) {
            return new DryRunTimeline(0, List.of(), List.of());
        }
        var round = walk.rounds().getFirst();
        ZoneId zone = walk.zone();
        // Up to the last thing that happens in the round, and a little beyond: the round's last wait can be an
        // hour against steps five minutes apart, and drawn whole it would squeeze every mark into the left edge.
        Duration last = Duration.ZERO;
        for (var step : round.steps()) {
            last = max(last, step.offset());
            for (var recipient : step.recipients()) {
                for (var attempt : recipient.attempts()) {
                    last = max(last, attempt.offset());
                }
            }
        }
        Duration length = last.plus(max(last.dividedBy(5), Duration.ofMinutes(1)));
        var scale = new Scale(walk.openedAt(), length);
        List<Tick> ticks = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (var step : round.steps()) {
            // Labels of steps close together take turns on two lines, so they never overlap.
            String labelY = ticks.size() % 2 == 0 ? "11" : "24";
            ticks.add(new Tick(
                    scale.x(step.at()), labelY, "step " + step.number() + " " + DryRunTimes.offset(step.offset())));
            for (var recipient : step.recipients()) {
                double y = TOP + rows.size() * ROW;
                List<Mark> marks = new ArrayList<>();
                for (var attempt : recipient.attempts()) {
                    String who =
                            recipient.person().isEmpty() ? recipient.target().name() : recipient.person();
                    marks.add(new Mark(
                            scale.x(attempt.at()),
                            attempt.sends() ? "mark " + colour(who) : "mark dead",
                            who + ": " + attempt.method() + " at " + DryRunTimes.offset(attempt.offset()) + ", "
                                    + DryRunTimes.when(attempt.at(), zone)
                                    + (attempt.sends() ? "" : "; dead end: " + attempt.problem())));
                }
                if (recipient.attempts().isEmpty()) {
                    marks.add(new Mark(scale.x(step.at()), "mark dead", "dead end: " + recipient.problem()));
                }
                rows.add(new Row(
                        "step " + step.number() + " · " + recipient.label(),
                        number(y),
                        number(y + ROW * 0.68),
                        !recipient.reached(),
                        marks));
            }
        }
        return new DryRunTimeline((int) Math.ceil(TOP + rows.size() * ROW + 4), ticks, rows);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The same person gets the same colour as on the on-call page. */
    static String colour(String name) {
        return "u" + Math.floorMod(name.hashCode(), COLOURS);
    }

    private record Scale(Instant from, Duration length) {
        String x(Instant at) {
            double share =
                    length.isZero() ? 0 : (double) Duration.between(from, at).toMillis() / length.toMillis();
            return number(LABELS + Math.min(1, Math.max(0, share)) * (WIDTH - LABELS - RIGHT));
        }
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
