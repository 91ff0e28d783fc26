package dev.firewatch.probe.sql;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps a JDBC URL's secrets out of every text a probe produces: drivers put the URL, or parts of it, in their
 * error messages, and those become failures shown on pages, in alerts and in logs.
 */
public final class JdbcUrls {
    /** {@code password=...} in a query string or a semicolon-separated property list. */
    private static final Pattern PASSWORD_PROPERTY = Pattern.compile("(?i)(password|passwd|pwd)=([^&;\\s]*)");
    /** {@code //user:secret@host}. */
    private static final Pattern USER_INFO = Pattern.compile("//([^:/@\\s]*):([^@/\\s]*)@");

    private static final String HIDDEN = "***";

    private JdbcUrls() {}

    /** {@code text} with every secret of {@code url} replaced by {@code ***}, and any password=... hidden too. */
    public static String scrub(String text, String url) {
        String scrubbed = text;
        for (String secret : secrets(url)) {
            scrubbed = scrubbed.replace(secret, HIDDEN);
        }
        scrubbed = PASSWORD_PROPERTY.matcher(scrubbed).replaceAll(m -> m.group(1) + "=" + HIDDEN);
        return USER_INFO
                .matcher(scrubbed)
                .replaceAll(m -> "//" + Matcher.quoteReplacement(m.group(1)) + ":" + HIDDEN + "@");
    }

    /** The secrets written in the URL, as written and as decoded (a driver may show either). */
    private static List<String> secrets(String url) {
        List<String> secrets = new ArrayList<>();
        Matcher property = PASSWORD_PROPERTY.matcher(url);
        while (property.find()) {
            add(secrets, property.group(2));
        }
        Matcher userInfo = USER_INFO.matcher(url);
        if (userInfo.find()) {
            add(secrets, userInfo.group(2));
        }
        // Longest first, so a secret that contains another is hidden whole.
        secrets.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return secrets;
    }

    private static void add(List<String> secrets, String secret) {
        if (secret.isEmpty()) {
            return;
        }
        secrets.add(secret);
        try {
            String decoded = URLDecoder.decode(secret, StandardCharsets.UTF_8);
            if (!decoded.equals(secret)) {
                secrets.add(decoded);
            }
        } catch (IllegalArgumentException notEncoded) {
            // used as written
        }
    }
}
