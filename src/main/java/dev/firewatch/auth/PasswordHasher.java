package dev.firewatch.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * Bcrypt, deliberately slow so a stolen database does not give away passwords. The cost is a parameter
 * so tests can run at the minimum while production uses {@link #PRODUCTION_COST}.
 */
public final class PasswordHasher {
    public static final int PRODUCTION_COST = 12;
    /** Bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused instead. */
    public static final int MAX_BYTES = 72;

    public static final int MIN_LENGTH = 10;

    private final int cost;
    /** Made on first need, not at boot: one hash at production cost is 0.4 s on a cold JVM. */
    private volatile String dummyHash;

    public PasswordHasher(int cost) {
        this.cost = cost;
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean verify(String password, String hash) {
        if (hash == null) {
            // Spend the same time as a real check, so response times do not reveal which names exist.
            if (dummyHash == null) {
                dummyHash = hash("firewatch-dummy-password");
            }
            BCrypt.verifyer().verify(password.toCharArray(), dummyHash);
            return false;
        }
        return BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
    }

    /** Why a new password is not acceptable, or null when it is. */
    public static String weakness(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "a password needs at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "a password may have at most " + MAX_BYTES + " bytes";
        }
        return null;
    }
}
