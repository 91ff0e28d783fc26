package dev.firewatch.heartbeat;

import dev.firewatch.web.Format;
import dev.firewatch.web.Frame;
import java.time.Duration;
import java.time.Instant;

/** Models of the heartbeat pages, and how they show values. */
public final class HeartbeatPages {
    private HeartbeatPages() {}

    public record Overview(Frame frame, java.util.List<HeartbeatView> heartbeats) {}

    public record Detail(Frame frame, HeartbeatView heartbeat, java.util.List<LoggedPing> pings, PingChart chart) {}

    /** The status's colour class: ok, warn or bad (none for new). */
    public static String tone(HeartbeatStatus status) {
        return switch (status) {
            case UP -> "ok";
            case STARTED, GRACE -> "warn";
            case DOWN -> "bad";
            case NEW -> "muted";
        };
    }

    public static String when(Instant instant) {
        return instant == null ? "—" : Format.when(instant);
    }

    /** A duration from the config as the config writes it: 1h, 90m, 1d. */
    public static String duration(long seconds) {
        return HeartbeatSpec.text(Duration.ofSeconds(seconds));
    }

    /** A run time as people read it: 850ms, 42s, 3m 12s, 2h 5m. */
    public static String runTime(Long millis) {
        if (millis == null) {
            return "—";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        Duration run = Duration.ofMillis(millis);
        if (run.toMinutes() == 0) {
            return run.toSeconds() + "s";
        }
        if (run.toHours() == 0) {
            return run.toMinutes() + "m " + run.toSecondsPart() + "s";
        }
        return run.toHours() + "h " + run.toMinutesPart() + "m";
    }

    /** A ping's kind as the log shows it: start, success, fail, or exit 3. */
    public static String kind(LoggedPing ping) {
        if (ping.exitCode() != null) {
            return "exit " + ping.exitCode();
        }
        return ping.kind().wireName();
    }

    public static String tone(LoggedPing ping) {
        return switch (ping.kind()) {
            case SUCCESS -> "ok";
            case START -> "muted";
            case FAIL -> "bad";
        };
    }
}
