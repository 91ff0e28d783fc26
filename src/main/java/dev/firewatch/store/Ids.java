package dev.firewatch.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Time-ordered ids (UUIDv7, RFC 9562) as text, so rows inserted later sort later on both vendors and an
 * index on the id appends instead of scattering.
 *
 * <p>Within one millisecond the 12-bit counter keeps ids strictly increasing from this process.
 */
public final class Ids {
    private final Clock clock;
    /**
     * Ids need to be unique and time-ordered, not secret (secrets come from Tokens), so a fast generator seeded
     * once from SecureRandom: SecureRandom per id showed up in the intake profile, inside the writer's commit.
     */
    private final RandomGenerator random =
            RandomGeneratorFactory.of("L64X128MixRandom").create(new SecureRandom().nextLong());

    private long lastMillis = -1;
    private int counter;

    public Ids(Clock clock) {
        this.clock = clock;
    }

    /**
     * Never issues an id at or below {@code id} from now on: a clock that stepped back across a restart would
     * otherwise make new ids sort before old ones, and a reader that pages by id would skip them.
     */
    public synchronized void notBefore(String id) {
        long millis = java.util.UUID.fromString(id).getMostSignificantBits() >>> 16;
        if (millis >= lastMillis) {
            lastMillis = millis;
            counter = (int) (java.util.UUID.fromString(id).getMostSignificantBits() & 0x0FFF);
        }
    }

    public synchronized String next() {
        long millis = clock.millis();
        if (millis > lastMillis) {
            lastMillis = millis;
            counter = random.nextInt(1 << 11); // leave headroom before the counter would overflow
        } else {
            millis = lastMillis; // a clock that stepped back must not reorder ids
            counter++;
            if (counter >= 1 << 12) {
                lastMillis++;
                millis = lastMillis;
                counter = 0;
            }
        }
        long high = (millis << 16) | 0x7000L | counter;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new java.util.UUID(high, low).toString();
    }
}
