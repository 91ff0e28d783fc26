package dev.firewatch.alert;

import java.nio.ByteBuffer;
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

    private Fingerprint() {}

    /**
     * SHA-256 over the labels sorted by name, each name and value prefixed by its length in UTF-8 bytes, so no
     * choice of characters can make two different label sets hash the same text ({@code a="b,c"} against
     * {@code a="b", c=""}). A label with an empty value counts as absent, as in Prometheus and in
     * {@link Matcher}.
     */
    public static String of(Map<String, String> labels) {
        MessageDigest sha256 = sha256();
        for (var label : new TreeMap<>(labels).entrySet()) {
            if (label.getValue() == null || label.getValue().isEmpty()) {
                continue;
            }
            feed(sha256, label.getKey());
            feed(sha256, label.getValue());
        }
        byte[] digest = sha256.digest();
        return HexFormat.of().formatHex(digest, 0, BYTES);
    }

    private static void feed(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
