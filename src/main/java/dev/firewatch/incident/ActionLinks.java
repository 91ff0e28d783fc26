package dev.firewatch.incident;

import dev.firewatch.auth.Tokens;
import dev.firewatch.store.Statements;
import dev.firewatch.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-click links for notifications (DESIGN §3.1): the incident's page, and signed URLs that acknowledge or
 * resolve it from a mail, a chat message or a phone's notification without signing in.
 *
 * <p>A token is {@code base64url(payload) "." base64url(tag)}, the tag being HMAC-SHA256 of the payload cut to
 * 128 bits. The payload names the action, the incident (id and number), the recipient and the expiry, so a
 * link does one thing, to one incident, in one person's name, until one time; changing any of it breaks the
 * tag. Nothing about a link is stored until it is used.
 *
 * <p>The key is made once and kept in {@code incident_link_key}, so every node of a cluster and every restart
 * accept the same links. Paging calls {@link #links} inside its own write transaction, which on SQLite holds
 * the one writer connection: so {@code links} never touches the database. {@link #load} reads (or makes) the
 * key once at start-up, after the migrations, and it stays in memory.
 */
public final class ActionLinks {
    /** Where a responder goes from a notification: the incident's page and the two one-click actions. */
    public record Links(String incident, String acknowledge, String resolve) {}

    /** What a token turned out to be. */
    sealed interface Checked {
        record Valid(LinkToken token) implements Checked {}

        /** Ours, but too old: the page says so and sends the responder to the incident instead. */
        record Expired(LinkAction action, long number, Instant expiredAt) implements Checked {}

        /** Not ours, cut short or changed: nobody learns which. */
        record Invalid() implements Checked {}
    }

    private static final String FORMAT = "1";
    private static final String KEY_NAME = "links";
    private static final int KEY_BYTES = 32;
    private static final int TAG_BYTES = 16;
    /** Far longer than any token we make; a longer one is refused before any work is done on it. */
    private static final int LONGEST_TOKEN = 1024;

    private final Store store;
    private final Clock clock;
    private final Supplier<Duration> validFor;
    private final String publicUrl;
    private final SecureRandom random = new SecureRandom();
    /**
     * HMAC-SHA256 set up with the signing key; each link signs with a copy. Looking the algorithm up and keying it
     * for every link was a tenth of paging's time per page.
     */
    private volatile Mac keyed;

    /**
     * @param validFor how long a link works ({@code notify.links_valid_for}), read for each link so a reload
     *     counts
     */
    public ActionLinks(Store store, Clock clock, Supplier<Duration> validFor, String publicUrl) {
        this.store = store;
        this.clock = clock;
        this.validFor = validFor;
        this.publicUrl = publicUrl;
    }

    /**
     * Reads the signing key, making it when this is the first start of the installation. Nodes that start
     * together agree: the insert does nothing when another node's key is already there, and each reads back
     * the one stored.
     */
    public void load() {
        byte[] fresh = new byte[KEY_BYTES];
        random.nextBytes(fresh);
        String secret = store.write(tx -> {
            try (Statements sql = Statements.over(tx)) {
                sql.update(
                        "INSERT INTO incident_link_key (name, secret, created_at) VALUES (?, ?, ?)"
                                + " ON CONFLICT (name) DO NOTHING",
                        KEY_NAME,
                        Base64.getEncoder().encodeToString(fresh),
                        clock.millis());
                return sql.first("SELECT secret FROM incident_link_key WHERE name = ?", rs -> rs.getString(1), KEY_NAME)
                        .orElseThrow();
            }
        });
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret), "HmacSHA256"));
            keyed = mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /**
     * The links for one notification to {@code recipient} (a user or a channel, by name), valid from now for
     * {@code notify.links_valid_for}. Touches no database, so it is safe inside any transaction.
     *
     * @throws IllegalStateException before {@link #load}
     */
    public Links links(String incidentId, long number, String recipient) {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(recipient, "recipient");
        Instant expiresAt = clock.instant().plus(validFor.get());
        return new Links(
                incidentUrl(number),
                actUrl(token(LinkAction.ACKNOWLEDGE, incidentId, number, recipient, expiresAt)),
                actUrl(token(LinkAction.RESOLVE, incidentId, number, recipient, expiresAt)));
    }

    String incidentUrl(long number) {
        return publicUrl + "/incidents/" + number;
    }

    private String actUrl(String token) {
        return publicUrl + "/act/" + token;
    }

    String token(LinkAction action, String incidentId, long number, String recipient, Instant expiresAt) {
        String payload = String.join(
                "\n",
                FORMAT,
                action.code(),
                incidentId,
                Long.toString(number),
                Long.toString(expiresAt.getEpochSecond()),
                recipient);
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(bytes) + "." + base64.encodeToString(tag(bytes));
    }

    /** Whether a token is ours and unchanged, and if so whether it is still good. */
    Checked check(String token) {
        if (token == null || token.length() > LONGEST_TOKEN) {
            return new Checked.Invalid();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return new Checked.Invalid();
        }
        byte[] payload;
        byte[] presented;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            presented = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return new Checked.Invalid();
        }
        if (!MessageDigest.isEqual(tag(payload), presented)) {
            return new Checked.Invalid();
        }
        return parse(new String(payload, StandardCharsets.UTF_8), Tokens.sha256(token))
                .<Checked>map(valid -> clock.instant().isBefore(valid.expiresAt())
                        ? new Checked.Valid(valid)
                        : new Checked.Expired(valid.action(), valid.number(), valid.expiresAt()))
                .orElseGet(Checked.Invalid::new);
    }

    /** The signed fields; empty for a payload we did not write (an older format, say). */
    private static Optional<LinkToken> parse(String payload, String hash) {
        String[] fields = payload.split("\n", 6);
        if (fields.length != 6 || !fields[0].equals(FORMAT)) {
            return Optional.empty();
        }
        try {
            return LinkAction.ofCode(fields[1])
                    .map(action -> new LinkToken(
                            action,
                            fields[2],
                            Long.parseLong(fields[3]),
                            fields[5],
                            Instant.ofEpochSecond(Long.parseLong(fields[4])),
                            hash));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private byte[] tag(byte[] payload) {
        Mac prototype = keyed;
        if (prototype == null) {
            throw new IllegalStateException("ActionLinks.load() must run, after the migrations, before links are made");
        }
        try {
            Mac mac = (Mac) prototype.clone();
            return Arrays.copyOf(mac.doFinal(payload), TAG_BYTES);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 can be copied", e);
        }
    }
}
