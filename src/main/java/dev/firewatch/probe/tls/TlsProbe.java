package dev.firewatch.probe.tls;

import dev.firewatch.probe.Observation;
import dev.firewatch.probe.ProbeSpec;
import dev.firewatch.probe.dns.DnsProbe;
import dev.firewatch.probe.tcp.TcpProbe;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * Opens a TLS connection with {@code serverName} as SNI and reads the certificate the server chose: when it
 * expires ({@code [CERT_EXPIRY]}) and whether it names {@code serverName} ({@code [CERT_MATCHES_HOST]}).
 *
 * <p>The chain is never verified: this check is for looking at a certificate, including a self-signed one or one
 * from a private CA, and an expired or mismatched certificate must still be read so the conditions can say so.
 * Whether clients trust the chain is what an https monitor (with {@code verify_tls} on, its default) checks.
 */
public final class TlsProbe {
    public Observation observe(ProbeSpec.Tls spec, Duration timeout, Instant at) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        String target = spec.host() + ":" + spec.port();
        try (Socket plain = TcpProbe.connect(spec.host(), spec.port(), timeout, deadline);
                SSLSocket tls = (SSLSocket) Certificates.trustingEverything()
                        .getSocketFactory()
                        .createSocket(plain, spec.serverName(), spec.port(), true)) {
            var parameters = tls.getSSLParameters();
            if (!spec.serverName().contains(":") && !spec.serverName().matches("[\\d.]+")) {
                parameters.setServerNames(List.of(new SNIHostName(spec.serverName())));
            }
            tls.setSSLParameters(parameters);
            tls.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            tls.startHandshake();
            Certificate[] chain = tls.getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return observation(spec, at, started, Optional.of(target + " sent no X.509 certificate"), true, null);
            }
            return observation(spec, at, started, Optional.empty(), true, leaf);
        } catch (TcpProbe.Unreached e) {
            return observation(spec, at, started, Optional.of(e.getMessage()), false, null);
        } catch (SocketTimeoutException e) {
            return observation(
                    spec,
                    at,
                    started,
                    Optional.of("no TLS handshake with " + target + " within " + DnsProbe.shown(timeout)),
                    true,
                    null);
        } catch (SSLException e) {
            return observation(
                    spec,
                    at,
                    started,
                    Optional.of("TLS handshake with " + target + " failed: " + e.getMessage()),
                    true,
                    null);
        } catch (IOException | IllegalArgumentException e) {
            return observation(spec, at, started, Optional.of(target + ": " + e.getMessage()), true, null);
        }
    }

    private static Observation observation(
            ProbeSpec.Tls spec,
            Instant at,
            long started,
            Optional<String> error,
            boolean reached,
            X509Certificate leaf) {
        Optional<X509Certificate> certificate = Optional.ofNullable(leaf);
        return new Observation(
                at,
                Duration.ofNanos(System.nanoTime() - started),
                error,
                reached,
                Optional.empty(),
                Map.<String, List<String>>of(),
                Optional.empty(),
                certificate.map(c -> c.getNotAfter().toInstant()),
                certificate.map(c -> Certificates.matchesHost(c, spec.serverName())),
                Optional.empty());
    }
}
