package dev.firewatch.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * A monitor's results within one minute, hour or day: how many checks, how many failed, how many were held
 * (unknown), and their response times counted by fixed bounds, from which percentiles are read.
 */
public record Rollup(
        String monitor, Resolution resolution, Instant bucket, long checks, long failures, long held, long[] latency) {
    /** Upper bounds in milliseconds of the latency buckets h0..h10; h11 counts everything above the last. */
    static final long[] BOUNDS = {10, 25, 50, 100, 200, 300, 500, 1_000, 2_000, 5_000, 10_000};

    static final int BUCKETS = BOUNDS.length + 1;

    public Rollup {
        latency = latency.clone();
    }

    /** The span of one bucket. */
    public enum Resolution {
        MINUTE(Duration.ofMinutes(1)),
        HOUR(Duration.ofHours(1)),
        DAY(Duration.ofDays(1));

        private final Duration span;

        Resolution(Duration span) {
            this.span = span;
        }

        public Duration span() {
            return span;
        }

        /** The start of the bucket {@code at} falls in (UTC). */
        public Instant bucketOf(Instant at) {
            long span = this.span.toMillis();
            return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), span) * span);
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Resolution parse(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    /** Which latency bucket a response time counts in. */
    static int bucketOf(long responseTimeMs) {
        for (int i = 0; i < BOUNDS.length; i++) {
            if (responseTimeMs <= BOUNDS[i]) {
                return i;
            }
        }
        return BOUNDS.length;
    }

    /**
     * The {@code percentile} (0-100) of response times, read from the buckets: linear within the bucket the rank
     * falls in, so p95 of checks that all took 120 ms reads between 100 and 200 ms. -1 when there were no checks.
     */
    public long percentile(double percentile) {
        long total = Arrays.stream(latency).sum();
        if (total == 0) {
            return -1;
        }
        double rank = percentile / 100.0 * total;
        long seen = 0;
        for (int i = 0; i < latency.length; i++) {
            if (latency[i] > 0 && seen + latency[i] >= rank) {
                long low = i == 0 ? 0 : BOUNDS[i - 1];
                if (i == BOUNDS.length) {
                    return low; // above the last bound: all we know is "more than 10 s"
                }
                double within = (rank - seen) / latency[i];
                return Math.round(low + within * (BOUNDS[i] - low));
            }
            seen += latency[i];
        }
        return BOUNDS[BOUNDS.length - 1];
    }

    /** Checks that counted (held ones say nothing about the target). */
    public long counted() {
        return checks - held;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Rollup r
                && monitor.equals(r.monitor)
                && resolution == r.resolution
                && bucket.equals(r.bucket)
                && checks == r.checks
                && failures == r.failures
                && held == r.held
                && Arrays.equals(latency, r.latency);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(monitor, resolution, bucket, checks, failures, held, Arrays.hashCode(latency));
    }

    @Override
    public String toString() {
        return "Rollup[" + monitor + " " + resolution.wireName() + " " + bucket + " checks=" + checks + " failures="
                + failures + " held=" + held + " latency=" + Arrays.toString(latency) + "]";
    }
}
