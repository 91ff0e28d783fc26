package dev.firewatch.probe.tls;

import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What the probes need to read a certificate they did not verify: a TLS context that accepts any certificate (so
 * a self-signed or expired one can still be looked at) and the host-name rule the JDK applies to HTTPS, so
 * {@code [CERT_MATCHES_HOST]} says what a verifying client would.
 */
public final class Certificates {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private Certificates() {}

    /**
     * A context whose trust manager accepts every chain and checks no host name. With an
     * {@link X509ExtendedTrustManager} the JDK leaves host-name checks to the trust manager, so this one turns off
     * both for the connections made with it.
     */
    public static SSLContext trustingEverything() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustingEverything()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the certificate names {@code host}, as RFC 6125 and the JDK's HTTPS check have it: the DNS names of
     * its subject alternative names (a {@code *} stands for the whole leftmost label), an IP address among them
     * for an IP host, and the subject's common name only when it has no DNS names.
     */
    public static boolean matchesHost(X509Certificate certificate, String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        String wanted = lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
        List<String> dnsNames = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (name.size() >= 2 && name.get(0) instanceof Integer type && name.get(1) instanceof String v) {
                        if (type == DNS_NAME) {
                            dnsNames.add(v.toLowerCase(Locale.ROOT));
                        } else if (type == IP_ADDRESS) {
                            addresses.add(v);
                        }
                    }
                }
            }
        } catch (CertificateParsingException unreadable) {
            return false;
        }
        if (isAddress(wanted)) {
            Optional<InetAddress> address = literal(wanted);
            return address.isPresent()
                    && addresses.stream().map(Certificates::literal).anyMatch(a -> a.equals(address));
        }
        if (dnsNames.isEmpty()) {
            return commonName(certificate)
                    .map(cn -> matches(cn.toLowerCase(Locale.ROOT), wanted))
                    .orElse(false);
        }
        return dnsNames.stream().anyMatch(pattern -> matches(pattern, wanted));
    }

    private static boolean matches(String pattern, String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (!pattern.startsWith("*.")) {
            return pattern.equals(name);
        }
        int dot = name.indexOf('.');
        return dot > 0 && name.substring(dot).equals(pattern.substring(1)) && pattern.indexOf('.', 2) > 0;
    }

    private static boolean isAddress(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** An IP literal as an address, without a DNS lookup (a literal is never looked up). */
    private static Optional<InetAddress> literal(String text) {
        try {
            return isAddress(text) ? Optional.of(InetAddress.getByName(text)) : Optional.empty();
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }

    private static Optional<String> commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException unreadable) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Accepts whatever the server sends; only ever used to read the certificate, never to trust it. */
    private static final class TrustingEverything extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
