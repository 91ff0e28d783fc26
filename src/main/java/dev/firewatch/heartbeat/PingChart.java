package dev.firewatch.heartbeat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The small chart on a heartbeat's page: its recent pings along a time line, each finish a bar as tall as its run
 * took (a stub when there was no start ping), starts as dots, failures in red. Drawn server-side as inline SVG.
 *
 * @param from the oldest ping shown
 * @param to the newest
 * @param longest the longest run shown, which sets the bars' scale
 */
public record PingChart(int width, int height, List<Mark> marks, Instant from, Instant to, Long longest) {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 90;
    private static final int BASE = HEIGHT - 14;
    private static final int TALLEST = BASE - 6;
    private static final int STUB = 6;

    /** One ping: a bar (finishes) or a dot (starts). */
    public record Mark(double x, double y, double height, boolean dot, String tone, String title) {}

    static PingChart of(List<LoggedPing> newestFirst) {
        List<LoggedPing> pings = newestFirst.reversed();
        if (pings.isEmpty()) {
            return new PingChart(WIDTH, HEIGHT, List.of(), null, null, null);
        }
        Instant from = pings.getFirst().at();
        Instant to = pings.getLast().at();
        long span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        long longest = pings.stream()
                .filter(p -> p.runMillis() != null)
                .mapToLong(LoggedPing::runMillis)
                .max()
                .orElse(0);
        List<Mark> marks = new ArrayList<>();
        for (LoggedPing ping : pings) {
            double x = 8 + (WIDTH - 16) * (double) (ping.at().toEpochMilli() - from.toEpochMilli()) / span;
            String title = HeartbeatPages.kind(ping) + " at " + HeartbeatPages.when(ping.at())
                    + (ping.runMillis() == null ? "" : ", ran " + HeartbeatPages.runTime(ping.runMillis()));
            if (ping.kind() == PingKind.START) {
                marks.add(new Mark(round(x), BASE, 0, true, HeartbeatPages.tone(ping), title));
                continue;
            }
            double tall = ping.runMillis() == null || longest == 0
                    ? STUB
                    : Math.max(STUB, TALLEST * (double) ping.runMillis() / longest);
            marks.add(new Mark(round(x - 2), round(BASE - tall), round(tall), false, HeartbeatPages.tone(ping), title));
        }
        return new PingChart(WIDTH, HEIGHT, List.copyOf(marks), from, to, longest == 0 ? null : longest);
    }

    /** Where the time axis is drawn. */
    public int base() {
        return BASE;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
