package dev.firewatch.config;

import dev.firewatch.probe.ProbeSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The one kind key of a monitor ({@code http}, {@code tcp}, {@code tls}, {@code dns}, {@code sql}) read into its
 * {@link ProbeSpec}. Each kind takes a mapping of settings, and all but {@code sql} also a one-line shorthand:
 * {@code http: https://api.example.com/health}, {@code tcp: db.internal:5432}, {@code tls: example.com},
 * {@code dns: example.com}.
 */
final class MonitorProbes {
    static final List<String> KINDS = List.of("http", "tcp", "tls", "dns", "sql");
    static final List<String> HTTP_KEYS = List.of("url", "method", "headers", "body", "follow_redirects", "verify_tls");
    static final List<String> TCP_KEYS = List.of("host", "port");
    static final List<String> TLS_KEYS = List.of("host", "port", "server_name");
    static final List<String> DNS_KEYS = List.of("name");
    static final List<String> SQL_KEYS = List.of("url", "query");
    static final Map<String, String> METHODS = methods();
    /** Headers the HTTP client sets itself and refuses to take from a request. */
    private static final List<String> SET_BY_CLIENT =
            List.of("connection", "content-length", "expect", "host", "upgrade");

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\s:\\[\\]/]+)(?::(\\d{1,5}))?");
    private static final Pattern HOST = Pattern.compile("\\[[0-9A-Fa-f:.]+]|[^\\s:\\[\\]/@?#]+");
    private static final List<String> JDBC_SCHEMES = List.of("jdbc:postgresql:", "jdbc:sqlite:");

    private MonitorProbes() {}

    private static Map<String, String> methods() {
        Map<String, String> methods = new LinkedHashMap<>();
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            methods.put(method, method);
        }
        return java.util.Collections.unmodifiableMap(methods);
    }

    /** The kind's {@link ProbeSpec}, or empty after reporting what is wrong with it. */
    static Optional<ProbeSpec> read(Mapping monitor, String kind) {
        Node node = monitor.node(kind).orElseThrow();
        String path = monitor.path(kind);
        if (node instanceof ScalarNode && !kind.equals("sql")) {
            return monitor.text(kind, shorthand(kind)).flatMap(value -> switch (kind) {
                case "http" -> webUrl(value, path, monitor).map(MonitorProbes::get);
                case "tcp" ->
                    hostPort(value, path, monitor, true, 0).map(hp -> new ProbeSpec.Tcp(hp.host(), hp.port()));
                case "tls" ->
                    hostPort(value, path, monitor, false, 443)
                            .map(hp -> new ProbeSpec.Tls(hp.host(), hp.port(), hp.host()));
                default -> host(value, path, monitor).map(ProbeSpec.Dns::new);
            });
        }
        return monitor.mapping(kind, shorthand(kind)).flatMap(settings -> switch (kind) {
            case "http" -> http(settings);
            case "tcp" -> tcp(settings);
            case "tls" -> tls(settings);
            case "dns" -> dns(settings);
            default -> sql(settings);
        });
    }

    /** What the kind's value looks like, for "expected ..." messages. */
    private static String shorthand(String kind) {
        return switch (kind) {
            case "http" -> "a URL like https://api.example.com/health, or a mapping like {url: ..., method: POST}";
            case "tcp" -> "host:port like db.internal:5432, or a mapping like {host: db.internal, port: 5432}";
            case "tls" -> "a host like example.com (port 443) or host:port, or a mapping like {host: ..., port: 8443}";
            case "dns" -> "a name like example.com, or a mapping like {name: example.com}";
            default -> "a mapping like {url: jdbc:postgresql://db:5432/app?user=monitor, query: select 1}";
        };
    }

    private static ProbeSpec.Http get(URI url) {
        return new ProbeSpec.Http(url, "GET", Map.of(), Optional.empty(), true, true);
    }

    private static Optional<ProbeSpec> http(Mapping settings) {
        settings.allowOnly(HTTP_KEYS);
        var url = WebhooksSection.required(
                        settings, "url", "give the URL to check, like url: https://api.example.com/health")
                ? settings.text("url", "an http:// or https:// URL")
                        .flatMap(written -> webUrl(written, settings.path("url"), settings))
                : Optional.<URI>empty();
        var method = settings.has("method")
                ? settings.scalar("method", "an HTTP method like GET or POST")
                        .flatMap(written -> WebhooksSection.choice(
                                settings,
                                "method",
                                new Scalar(
                                        written.value().strip().toUpperCase(Locale.ROOT),
                                        written.at(),
                                        written.variables(),
                                        written.blankVariables()),
                                METHODS))
                : Optional.of("GET");
        var headers = headers(settings);
        var body = settings.scalar("body", "the request body as text").map(Scalar::value);
        var followRedirects = settings.has("follow_redirects") ? settings.bool("follow_redirects") : Optional.of(true);
        var verifyTls = settings.has("verify_tls") ? settings.bool("verify_tls") : Optional.of(true);
        if (url.isEmpty()
                || method.isEmpty()
                || headers.isEmpty()
                || (settings.has("body") && body.isEmpty())
                || followRedirects.isEmpty()
                || verifyTls.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProbeSpec.Http(
                url.get(), method.get(), headers.get(), body, followRedirects.get(), verifyTls.get()));
    }

    private static Optional<Map<String, String>> headers(Mapping settings) {
        if (!settings.has("headers")) {
            return Optional.of(Map.of());
        }
        var written =
                settings.mapping("headers", "a mapping of header names to values, like {Accept: application/json}");
        if (written.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        boolean ok = true;
        for (String name : written.get().keys()) {
            var value = written.get().scalar(name, "a header value");
            var keyAt = written.get().keyAt(name).orElseThrow();
            if (!HEADER_NAME.matcher(name).matches()) {
                settings.error(keyAt, written.get().path(name) + ": a header name is letters, digits and - only");
                ok = false;
            } else if (SET_BY_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                settings.error(
                        keyAt,
                        written.get().path(name) + ": Firewatch sets " + name + " itself; "
                                + (name.equalsIgnoreCase("host") ? "put the host in the url" : "leave it out"));
                ok = false;
            }
            value.ifPresent(v -> headers.put(name, v.value()));
            ok &= value.isPresent();
        }
        return ok ? Optional.of(headers) : Optional.empty();
    }

    private static Optional<ProbeSpec> tcp(Mapping settings) {
        settings.allowOnly(TCP_KEYS);
        var host = requiredHost(settings, "like host: db.internal");
        Optional<Integer> port;
        if (settings.has("port")) {
            port = settings.wholeNumber("port", 1, 65535);
        } else {
            settings.error(
                    settings.at(), settings.path() + ": port is missing; add the port to connect to, like port: 5432");
            port = Optional.empty();
        }
        return host.flatMap(h -> port.map(p -> new ProbeSpec.Tcp(h, p)));
    }

    private static Optional<ProbeSpec> tls(Mapping settings) {
        settings.allowOnly(TLS_KEYS);
        var host = requiredHost(settings, "like host: example.com");
        var port = settings.has("port") ? settings.wholeNumber("port", 1, 65535) : Optional.of(443);
        var serverName = settings.has("server_name")
                ? settings.text("server_name", "a host name like www.example.com")
                        .flatMap(name -> host(name, settings.path("server_name"), settings))
                : host;
        if (host.isEmpty() || port.isEmpty() || serverName.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProbeSpec.Tls(host.get(), port.get(), serverName.get()));
    }

    private static Optional<ProbeSpec> dns(Mapping settings) {
        settings.allowOnly(DNS_KEYS);
        if (!WebhooksSection.required(settings, "name", "give the name to look up, like name: example.com")) {
            return Optional.empty();
        }
        return settings.text("name", "a host name like example.com")
                .flatMap(name -> host(name, settings.path("name"), settings))
                .map(ProbeSpec.Dns::new);
    }

    private static Optional<ProbeSpec> sql(Mapping settings) {
        settings.allowOnly(SQL_KEYS);
        Optional<String> url = Optional.empty();
        if (WebhooksSection.required(
                settings,
                "url",
                "give the database's JDBC URL, like url: jdbc:postgresql://db:5432/app?user=monitor&password=${DB_PASSWORD}")) {
            url = settings.text("url", "a JDBC URL")
                    .filter(u -> isJdbcUrl(u, settings))
                    .map(u -> u.value().strip());
        }
        Optional<String> query = Optional.empty();
        if (WebhooksSection.required(
                settings, "query", "give the query whose first column is [RESULT], like query: select 1")) {
            query = settings.text("query", "a query like select count(*) from jobs where state = 'stuck'")
                    .map(Scalar::value);
        }
        if (url.isEmpty() || query.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProbeSpec.Sql(url.get(), query.get(), jdbcHost(url.get())));
    }

    /** The host of {@code jdbc:vendor://host:port/...}, without user or port; empty for a file database. */
    private static String jdbcHost(String url) {
        int slashes = url.indexOf("//");
        if (slashes < 0) {
            return "";
        }
        String rest = url.substring(slashes + 2);
        int end = 0;
        while (end < rest.length() && "/?;".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(0, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close > 0 ? authority.substring(1, close) : authority;
        }
        int comma = authority.indexOf(',');
        if (comma >= 0) {
            authority = authority.substring(0, comma);
        }
        int colon = authority.indexOf(':');
        return colon >= 0 ? authority.substring(0, colon) : authority;
    }

    /** A database URL often carries a password, so only its scheme is ever shown, as for store.url. */
    private static boolean isJdbcUrl(Scalar url, Mapping settings) {
        String text = url.value().strip();
        if (JDBC_SCHEMES.stream().anyMatch(text::startsWith)) {
            return true;
        }
        int colon = text.indexOf(':', text.startsWith("jdbc:") ? 5 : 0);
        String found = url.fromEnvironment() || colon < 0 || colon > 20
                ? url.shown()
                : "a URL starting with " + Scalar.quoted(text.substring(0, colon + 1));
        settings.error(
                url.at(),
                settings.path("url") + ": expected a jdbc:postgresql://host:port/database or jdbc:sqlite:/path/file.db"
                        + " URL (Firewatch has drivers for these two), found " + found);
        return false;
    }

    private static Optional<String> requiredHost(Mapping settings, String example) {
        if (!settings.has("host")) {
            settings.error(
                    settings.at(), settings.path() + ": host is missing; add the host to connect to, " + example);
            return Optional.empty();
        }
        return settings.text("host", "a host name or address").flatMap(h -> host(h, settings.path("host"), settings));
    }

    private static Optional<String> host(Scalar written, String path, Mapping at) {
        String host = written.value().strip();
        if (HOST.matcher(host).matches()) {
            return Optional.of(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        }
        at.error(written.at(), path + ": expected a host name or address like db.internal, found " + written.shown());
        return Optional.empty();
    }

    private record HostPort(String host, int port) {}

    /** {@code host:port}, {@code [::1]:5432}; the port may be left out when there is a default. */
    private static Optional<HostPort> hostPort(
            Scalar written, String path, Mapping at, boolean portRequired, int port) {
        Matcher matcher = HOST_PORT.matcher(written.value().strip());
        String expected = portRequired ? "host:port like db.internal:5432" : "a host like example.com or host:port";
        if (matcher.matches() && (matcher.group(2) != null || !portRequired)) {
            String host = matcher.group(1);
            int number = matcher.group(2) == null ? port : Integer.parseInt(matcher.group(2));
            if (number >= 1 && number <= 65535) {
                return Optional.of(
                        new HostPort(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, number));
            }
            at.error(written.at(), path + ": the port is from 1 to 65535, found " + written.shown());
            return Optional.empty();
        }
        at.error(written.at(), path + ": expected " + expected + ", found " + written.shown());
        return Optional.empty();
    }

    private static Optional<URI> webUrl(Scalar written, String path, Mapping at) {
        try {
            var uri = new URI(written.value().strip());
            // A path alone is Firewatch's own address (http: /readyz): the example config watches itself this way,
            // and it cannot know the port serve --port will choose.
            if (uri.getScheme() == null
                    && uri.getHost() == null
                    && uri.getRawPath().startsWith("/")) {
                return Optional.of(uri);
            }
            if (uri.getScheme() != null
                    && uri.getScheme().toLowerCase(Locale.ROOT).matches("https?")
                    && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException notAUri) {
            // reported below
        }
        at.error(
                written.at(),
                path + ": expected an http:// or https:// URL, or a path like /readyz for Firewatch's own, found "
                        + written.shown());
        return Optional.empty();
    }
}
