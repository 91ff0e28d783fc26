package dev.firewatch.notify;

/**
 * The mail server email channels and email contact methods send through ({@code notify.smtp}).
 *
 * @param username empty for a server that takes mail without signing in (a local relay)
 */
public record SmtpSpec(String host, int port, String from, String username, String password, Security security) {
    public enum Security {
        /** Plain SMTP, for a relay on the same host or in tests. */
        NONE,
        /** Plain connection upgraded with STARTTLS, which must succeed (port 587). */
        STARTTLS,
        /** TLS from the first byte (port 465). */
        TLS
    }

    @Override
    public String toString() {
        // Never the password: a config printed in a log or an error must not leak it.
        return "SmtpSpec[" + host + ":" + port + ", from " + from + ", " + security + "]";
    }
}
