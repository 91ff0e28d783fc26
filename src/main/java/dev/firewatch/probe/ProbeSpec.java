package dev.firewatch.probe;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** What one check does, by kind. Each kind is run by its own sub-package ({@code probe.http}, …). */
public sealed interface ProbeSpec permits ProbeSpec.Http, ProbeSpec.Tcp, ProbeSpec.Tls, ProbeSpec.Dns, ProbeSpec.Sql {
    /** The host the check talks to, for the per-host concurrency bound and the connectivity check. */
    String host();

    /**
     * An HTTP(S) request.
     *
     * @param followRedirects false answers a 3xx as it came, so {@code [STATUS] == 301} can be checked
     * @param verifyTls false accepts any certificate (a self-signed internal service); {@code [CERT_EXPIRY]} still
     *     reads the certificate that came
     */
    record Http(
            URI url,
            String method,
            Map<String, String> headers,
            Optional<String> body,
            boolean followRedirects,
            boolean verifyTls)
            implements ProbeSpec {
        @Override
        public String host() {
            return isOwn() ? "localhost" : url.getHost();
        }

        /** A URL that is a path alone ({@code /readyz}) checks Firewatch itself, at the address it listens on. */
        public boolean isOwn() {
            return !url.isAbsolute();
        }

        /** The same request against {@code base} (Firewatch's own address), for a URL that is a path alone. */
        public Http against(URI base) {
            return new Http(base.resolve(url), method, headers, body, followRedirects, verifyTls);
        }
    }

    /** A TCP connect; passes when the connection opens within the timeout. */
    record Tcp(String host, int port) implements ProbeSpec {}

    /**
     * A TLS handshake, for the certificate: {@code [CERT_EXPIRY]} and whether it matches {@code serverName}.
     *
     * @param serverName the name sent as SNI and checked against the certificate; the host when not given
     */
    record Tls(String host, int port, String serverName) implements ProbeSpec {}

    /**
     * A DNS lookup of {@code name} through the system resolver.
     *
     * @param host the name looked up
     */
    record Dns(String host) implements ProbeSpec {}

    /**
     * A query over JDBC, whose first column of the first row is {@code [RESULT]}.
     *
     * @param jdbcUrl with its secret from {@code ${ENV}}; never shown on pages, in logs or in errors
     * @param host the host part of the URL (empty for a file database), for the per-host bound
     */
    record Sql(String jdbcUrl, String query, String host) implements ProbeSpec {}
}
