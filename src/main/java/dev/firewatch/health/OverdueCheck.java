package dev.firewatch.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@code /readyz} check on work kept as due rows (escalation steps, heartbeat deadlines, log rule deadlines): late
 * when the earliest due row is more than a minute overdue, which means the thread that claims those rows is stuck or
 * the store refuses its writes, so what they should raise comes late. Each feature words it in its own terms.
 */
public final class OverdueCheck implements Check {
    private static final Duration LATE = Duration.ofMinutes(1);

    /**
     * How a feature says it: {@code late} takes the seconds overdue ({@code %d}), {@code next} the next due instant
     * ({@code %s}), {@code none} is for when nothing is due.
     */
    public record Wording(String late, String next, String none) {}

    /** Something else that is late once it has waited over a minute, worded with the seconds ({@code %d}). */
    private record Wait(Supplier<Optional<Instant>> since, String late) {}

    private final String name;
    private final Clock clock;
    private final Function<String, Result> whenLate;
    private final Supplier<Optional<Instant>> nextDue;
    private final Wording wording;
    private final List<Wait> alsoWaiting;

    private OverdueCheck(
            String name,
            Clock clock,
            Function<String, Result> whenLate,
            Supplier<Optional<Instant>> nextDue,
            Wording wording,
            List<Wait> alsoWaiting) {
        this.name = name;
        this.clock = clock;
        this.whenLate = whenLate;
        this.nextDue = nextDue;
        this.wording = wording;
        this.alsoWaiting = List.copyOf(alsoWaiting);
    }

    /** Failing when late: nothing else would raise what these rows should. */
    public static OverdueCheck failing(String name, Clock clock, Supplier<Optional<Instant>> nextDue, Wording wording) {
        return new OverdueCheck(name, clock, Result::failing, nextDue, wording, List.of());
    }

    /** Degraded when late: the rest of Firewatch still pages, these rows only page late. */
    public static OverdueCheck degraded(
            String name, Clock clock, Supplier<Optional<Instant>> nextDue, Wording wording) {
        return new OverdueCheck(name, clock, Result::degraded, nextDue, wording, List.of());
    }

    /** Also late when what waits {@code since} has waited over a minute, looked at after the due rows. */
    public OverdueCheck orWaiting(Supplier<Optional<Instant>> since, String late) {
        List<Wait> waits = new ArrayList<>(alsoWaiting);
        waits.add(new Wait(since, late));
        return new OverdueCheck(name, clock, whenLate, nextDue, wording, waits);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Result run() {
        Instant now = clock.instant();
        Optional<Instant> next = nextDue.get();
        if (overdue(next, now)) {
            return late(wording.late(), next.get(), now);
        }
        for (Wait wait : alsoWaiting) {
            Optional<Instant> since = wait.since().get();
            if (overdue(since, now)) {
                return late(wait.late(), since.get(), now);
            }
        }
        return Result.ok(next.map(at -> wording.next().formatted(at)).orElse(wording.none()));
    }

    private static boolean overdue(Optional<Instant> since, Instant now) {
        return since.isPresent() && since.get().isBefore(now.minus(LATE));
    }

    private Result late(String words, Instant since, Instant now) {
        return whenLate.apply(words.formatted(Duration.between(since, now).toSeconds()));
    }
}
