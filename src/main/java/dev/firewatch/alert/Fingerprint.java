package dev.firewatch.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of an alert that came without a dedup key: a hash of its labels. The same labels give the same
 * fingerprint in any order, after a restart and on every node, so dedup works across a cluster.
 */
public final class Fingerprint {
    /** 16 bytes (32 hex digits): collisions need about 2^64 distinct label sets, far beyond any store. */
    private static final int BYTES = 16;

    /** Never updated, only copied. */
    private static final MessageDigest SHA256 = newSha256();

    private Fingerprint() {}

    /**
     * SHA-256 over the labels sorted by name, each name and value prefixed by its length in UTF-8 bytes, so no
     * choice of characters can make two different label sets hash the same text ({@code a="b,c"} against
     * {@code a="b", c=""}). A label with an empty value counts as absent, as in Prometheus and in
     * {@link Matcher}.
     */
    public static String of(Map<String, String> labels) {
        MessageDigest sha256 = sha256();
        byte[] length = new byte[Integer.BYTES];
        for (var label : inNameOrder(labels)) {
            if (label.getValue() == null || label.getValue().isEmpty()) {
                continue;
            }
            feed(sha256, length, label.getKey());
            feed(sha256, length, label.getValue());
        }
        byte[] digest = sha256.digest();
        return HexFormat.of().formatHex(digest, 0, BYTES);
    }

    /**
     * The labels sorted by name. Signals carry them sorted already (decoders build them sorted, the journal keeps
     * their order), so they are copied into a sorted map only when they are not: this runs for every alert
     * without a dedup key.
     */
    private static Iterable<Map.Entry<String, String>> inNameOrder(Map<String, String> labels) {
        String previous = null;
        for (String name : labels.keySet()) {
            if (previous != null && previous.compareTo(name) >= 0) {
                return new TreeMap<>(labels).entrySet();
            }
            previous = name;
        }
        return labels.entrySet();
    }

    private static void feed(MessageDigest digest, byte[] length, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        length[0] = (byte) (bytes.length >>> 24);
        length[1] = (byte) (bytes.length >>> 16);
        length[2] = (byte) (bytes.length >>> 8);
        length[3] = (byte) bytes.length;
        digest.update(length);
        digest.update(bytes);
    }

    /** A copy of a digest made once: looking SHA-256 up among the security providers per alert showed in profiles. */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the runtime's SHA-256 cannot be copied", e);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
