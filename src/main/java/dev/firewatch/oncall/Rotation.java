package dev.firewatch.oncall;

import java.time.Duration;

/**
 * How long each person's turn on a layer lasts. Turns counted in calendar days hand off at the same
 * wall-clock time every time, so a daily 09:00 handoff stays at 09:00 local and the turn that crosses a
 * daylight-saving change lasts 23 or 25 hours. Turns given in hours are elapsed time: a 12h rotation hands
 * off every twelve real hours, and its local handoff time moves by an hour when the clocks change.
 */
public sealed interface Rotation permits Rotation.Days, Rotation.Elapsed {

    /** As written in the config: {@code daily}, {@code weekly}, {@code 3d}, {@code 12h}. */
    String written();

    /** The most real time one turn can last, a day of slack included for daylight saving. */
    Duration longest();

    /** {@code days} calendar days in the layer's zone: {@code daily} is 1, {@code weekly} is 7. */
    record Days(int days) implements Rotation {
        public Days {
            if (days < 1) {
                throw new IllegalArgumentException("a rotation lasts at least one day, not " + days);
            }
        }

        @Override
        public String written() {
            return switch (days) {
                case 1 -> "daily";
                case 7 -> "weekly";
                default -> days + "d";
            };
        }

        @Override
        public Duration longest() {
            return Duration.ofDays(days + 1L);
        }
    }

    /** A fixed stretch of elapsed time, whatever the clocks on the wall do meanwhile. */
    record Elapsed(Duration length) implements Rotation {
        public Elapsed {
            if (length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("a rotation must last longer than zero, not " + length);
            }
        }

        @Override
        public String written() {
            long minutes = length.toMinutes();
            return minutes % 60 == 0 ? minutes / 60 + "h" : minutes / 60 + "h" + minutes % 60 + "m";
        }

        @Override
        public Duration longest() {
            return length;
        }
    }
}
