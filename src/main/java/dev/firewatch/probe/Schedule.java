package dev.firewatch.probe;

import java.time.Duration;
import java.time.Instant;

/**
 * When a monitor's checks start: a pure function of the monitor and the time, so it is tested with a fixed clock
 * and the scheduler's loop only sleeps until the answer.
 *
 * <p>Slot {@code k} of a monitor is planned at {@code k × interval + phase} (epoch milliseconds), where the phase
 * comes from a hash of the monitor's name: ten thousand monitors with one interval spread over it instead of
 * firing together, and a restart keeps every monitor on its old beat. Each start adds a jitter below
 * {@code jitter}, also from the hash, so it is the same for one slot whoever asks. The next start is always the
 * next planned slot, never "end of this check plus interval", so checks do not drift; a check that overran its
 * next slots skips them rather than queueing them.
 */
public final class Schedule {
    private Schedule() {}

    /**
     * A planned start.
     *
     * @param slot which multiple of the interval (since the epoch) it is
     * @param at when to start: the slot's planned time plus its jitter
     */
    public record Slot(long slot, Instant at) {}

    /**
     * The decision after a check ran: the next slot, and how many slots were skipped because the check (or the
     * scheduler) was late for them.
     */
    public record Next(Slot slot, long skipped) {}

    /** The first slot whose start is at or after {@code now}: when a monitor joins the schedule. */
    public static Slot first(MonitorSpec monitor, Instant now) {
        long interval = intervalMillis(monitor);
        long phase = phase(monitor.name(), interval);
        long k = Math.ceilDiv(now.toEpochMilli() - phase, interval);
        Slot slot = slot(monitor, k);
        // With its jitter the slot before may still start ahead of now: then it is the first.
        Slot previous = slot(monitor, k - 1);
        return previous.at().isBefore(now) ? slot : previous;
    }

    /** The slot after {@code ran}, or, when that one has already begun by {@code now}, the first one still ahead. */
    public static Next after(MonitorSpec monitor, Slot ran, Instant now) {
        Slot next = slot(monitor, ran.slot() + 1);
        if (!next.at().isBefore(now)) {
            return new Next(next, 0);
        }
        Slot ahead = first(monitor, now);
        return new Next(ahead, ahead.slot() - ran.slot() - 1);
    }

    /** The planned start of slot {@code k}, with its jitter. */
    public static Slot slot(MonitorSpec monitor, long k) {
        long interval = intervalMillis(monitor);
        long planned = k * interval + phase(monitor.name(), interval);
        return new Slot(k, Instant.ofEpochMilli(planned + jitter(monitor, k)));
    }

    /** Where in its interval a monitor's name puts it: the same on every node and after every restart. */
    static long phase(String name, long intervalMillis) {
        return Math.floorMod(mix(name.hashCode()), intervalMillis);
    }

    private static long jitter(MonitorSpec monitor, long k) {
        long bound = monitor.jitter() == null ? 0 : monitor.jitter().toMillis();
        // Never as long as the interval: a jittered start must stay before the next slot's.
        bound = Math.min(bound, intervalMillis(monitor) - 1);
        return bound <= 0 ? 0 : Math.floorMod(mix(monitor.name().hashCode() * 31L + k), bound);
    }

    private static long intervalMillis(MonitorSpec monitor) {
        Duration interval = monitor.interval();
        return Math.max(1, interval.toMillis());
    }

    /** SplitMix64's finaliser: neighbouring names ("web-1", "web-2") land far apart. */
    private static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
