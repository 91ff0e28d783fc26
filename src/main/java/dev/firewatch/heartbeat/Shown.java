package dev.firewatch.heartbeat;

/** Text from a caller, made fit to store and to quote back in a message. */
final class Shown {
    private Shown() {}

    /** Quoted and cut short, for "found ..." in an answer. */
    static String of(String text) {
        return "\"" + cut(clean(text), 80) + "\"";
    }

    /** NUL becomes U+FFFD: PostgreSQL's text cannot hold it, and no log needs it. */
    static String clean(String text) {
        return text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + "…";
    }
}
