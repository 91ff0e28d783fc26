import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Page latency with a million alerts stored, against the same requests on a small store (the anchor), in the
 * same run and on both vendors. For each store: a first start of {@code bin/firewatch serve} makes the schema,
 * the alerts, their history, incidents and timelines are then seeded directly over JDBC in chunks, and the
 * server is started again; one signed-in client then sends each request sequentially, warm-up first, and
 * the report gives p50/p90/p99/max per request, with where the two cores went meanwhile.
 *
 * <p>Run through bench/pages.sh, which builds the jar first. Loopback only; every loop is bounded.
 */
public class PagesBench {
    static final String ADMIN_PG = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    static final String PASSWORD = "pages-bench-admin-password";
    static final long HZ = 100; // USER_HZ: /proc times are in hundredths of a second
    static final int CPUS = Runtime.getRuntime().availableProcessors();
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    static final String[] SERVICES = {
        "checkout", "payments", "search", "catalog", "auth", "api-gateway", "web", "mobile-api", "orders",
        "inventory", "shipping", "billing", "notifications", "recommendations", "reviews", "media", "db-primary",
        "db-replica", "cache", "queue", "scheduler", "reporting", "ledger", "identity"
    };
    static final String[] ALERT_NAMES = {
        "HighLatency", "HighErrorRate", "DiskFull", "DiskWillFillIn4Hours", "CpuHigh", "MemoryPressure",
        "PodCrashLooping", "PodNotReady", "TargetDown", "CertificateExpiring", "ReplicationLag", "QueueBacklog",
        "Http5xxBurst", "SloBurnRateFast", "SloBurnRateSlow", "NodeNotReady", "OOMKilled", "TooManyConnections",
        "SlowQueries", "DeadlockDetected", "ProbeFailed", "HeartbeatMissing", "DnsFailures", "TlsHandshakeErrors"
    };
    static final String[] TEAMS = {"core", "payments", "search", "platform", "data", "mobile", "growth", "sre"};
    static final String[] REGIONS = {"eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-south-1"};
    static final String[] JOBS = {"node", "kubelet", "api", "postgres", "redis", "nginx", "blackbox", "app"};
    static final int INSTANCES = 3000;

    // ---- options
    static List<String> vendors = List.of("sqlite", "postgresql");
    static int alerts = 1_000_000;
    static int anchor = 1_000;
    static int requests = 200;
    static int warmup = 20;
    static boolean keep = false;
    static Path reuse = null;
    static double quietCores = 0.5;
    static int maxWaitSeconds = 120;

    public static void main(String[] args) throws Exception {
        parse(args);
        Path work = reuse != null ? reuse : Files.createTempDirectory("firewatch-pagesbench");
        System.err.printf("pagesbench: work directory %s%n", work);
        List<Run> runs = new ArrayList<>();
        List<Store> stores = new ArrayList<>();
        for (String vendor : vendors) {
            for (int size : List.of(alerts, anchor)) {
                Store store = Store.prepare(work, vendor, size);
                stores.add(store);
                runs.add(measure(store));
            }
        }
        String report = report(runs);
        System.out.print(report);
        Files.writeString(work.resolve("report.md"), report);
        System.err.printf("pagesbench: report also in %s%n", work.resolve("report.md"));
        if (!keep && reuse == null) {
            for (Store store : stores) {
                store.drop();
            }
        } else {
            System.err.printf("pagesbench: stores kept; measure them again with --reuse %s%n", work);
        }
    }

    static void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--stores" -> {
                    vendors = switch (value) {
                        case "sqlite" -> List.of("sqlite");
                        case "postgres", "postgresql" -> List.of("postgresql");
                        case "both" -> List.of("sqlite", "postgresql");
                        default -> throw new IllegalArgumentException("--stores sqlite|postgres|both, not " + value);
                    };
                    i++;
                }
                case "--alerts" -> alerts = Integer.parseInt(args[++i].replace("_", ""));
                case "--anchor" -> anchor = Integer.parseInt(args[++i].replace("_", ""));
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--max-wait" -> maxWaitSeconds = Integer.parseInt(args[++i]);
                case "--keep" -> keep = true;
                case "--reuse" -> reuse = Path.of(args[++i]);
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i] + "; options: --stores"
                            + " sqlite|postgres|both --alerts N --anchor N --requests N --warmup N --max-wait S"
                            + " --keep --reuse DIR");
            }
        }
    }

    // ---------------------------------------------------------------- stores

    /** A data directory and config for one seeded store; for PostgreSQL also its database. */
    record Store(String vendor, int size, Path dir, Path config, String pgName, String jdbcUrl, String seeding) {
        static Store prepare(Path work, String vendor, int size) throws Exception {
            Path dir = work.resolve(vendor + "-" + size);
            Path marker = dir.resolve("store.properties");
            Properties props = new Properties();
            if (Files.exists(marker)) {
                try (var in = Files.newInputStream(marker)) {
                    props.load(in);
                }
                System.err.printf("pagesbench: reusing %s%n", dir);
                return new Store(vendor, size, dir, dir.resolve("firewatch.yaml"), props.getProperty("pg"),
                        props.getProperty("url"), props.getProperty("seeding"));
            }
            Files.createDirectories(dir);
            String pgName = null;
            String storeUrl = "";
            String jdbcUrl = "jdbc:sqlite:" + dir.resolve("data/firewatch.db");
            if (vendor.equals("postgresql")) {
                pgName = "firewatch_pagesbench_" + size + "_" + ProcessHandle.current().pid();
                try (Connection c = DriverManager.getConnection(ADMIN_PG)) {
                    c.createStatement().execute("CREATE DATABASE " + pgName);
                }
                storeUrl = "jdbc:postgresql://127.0.0.1:5432/" + pgName + "?user=postgres";
                jdbcUrl = storeUrl + "&reWriteBatchedInserts=true";
            }
            StringBuilder yaml = new StringBuilder("""
                    server:
                      host: 127.0.0.1
                    store:
                      url: "%s"
                    auth:
                      api_requests_per_minute: 1000000
                    users:
                      - name: admin
                        role: admin
                    services:
                    """.formatted(storeUrl));
            for (String service : SERVICES) {
                yaml.append("  - name: ").append(service).append("\n    integration_key: ").append(service)
                        .append("-key\n    group_by: [alertname]\n");
            }
            Path config = dir.resolve("firewatch.yaml");
            Files.writeString(config, yaml);
            Store store = new Store(vendor, size, dir, config, pgName, jdbcUrl, "");
            Server.start(store).stop(); // the schema and the admin, as a first start makes them
            String seeding = Seeder.seed(store);
            props.setProperty("url", jdbcUrl);
            props.setProperty("seeding", seeding);
            if (pgName != null) {
                props.setProperty("pg", pgName);
            }
            try (var out = Files.newOutputStream(marker)) {
                props.store(out, "seeded by PagesBench");
            }
            return new Store(vendor, size, dir, config, pgName, jdbcUrl, seeding);
        }

        Connection connect() throws Exception {
            return DriverManager.getConnection(jdbcUrl);
        }

        String label() {
            return (vendor.equals("sqlite") ? "SQLite" : "PostgreSQL") + ", " + String.format("%,d", size) + " alerts";
        }

        /** Drops the PostgreSQL database and deletes the data directory: a seeded SQLite store is 2 GB. */
        void drop() throws Exception {
            if (pgName != null) {
                try (Connection c = DriverManager.getConnection(ADMIN_PG)) {
                    c.createStatement().execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
                }
            }
            if (!Files.exists(dir.resolve("data"))) {
                return;
            }
            try (var files = Files.walk(dir.resolve("data"))) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /**
     * Alerts over the last 180 days, grouped into incidents as Firewatch groups them: most incidents have one
     * to a few alerts, some dozens, and a few are storms with thousands (the largest still open). About 2 % of
     * incidents are open and their alerts firing; 1 % of alerts were held by a silence and have no incident.
     * Every alert has its history rows and every incident its timeline, as the alert stages write them.
     */
    static final class Seeder implements AutoCloseable {
        static final int CHUNK = 10_000; // alerts per transaction
        final Connection c;
        final PreparedStatement incident, alert, history, timeline;
        final Random random = new Random(20261123);
        final int total;
        final long start, step;
        long rows;
        long number;
        int sinceCommit;

        Seeder(Connection c, int total) throws Exception {
            this.c = c;
            this.total = total;
            long end = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
            this.start = end - Duration.ofDays(180).toMillis();
            this.step = Math.max(1, (end - start) / total);
            incident = c.prepareStatement("INSERT INTO incident_incident (id, number, service, group_key, title,"
                    + " severity, state, created_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by,"
                    + " alert_count, open_alerts, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            alert = c.prepareStatement("INSERT INTO alert_alert (id, source_service, service, fingerprint, dedup_key,"
                    + " state, severity, summary, source, labels, annotations, details, count, first_seen_at,"
                    + " last_seen_at, resolved_at, incident_id, suppressed_by)"
                    + " VALUES (?, ?, ?, ?, NULL, ?, ?, ?, 'ALERTMANAGER', ?, ?, '{}', ?, ?, ?, ?, ?, ?)");
            history = c.prepareStatement("INSERT INTO alert_history (id, alert_id, at, kind, text) VALUES (?, ?, ?, ?, ?)");
            timeline = c.prepareStatement(
                    "INSERT INTO incident_timeline (id, incident_id, at, kind, text, actor) VALUES (?, ?, ?, ?, ?, ?)");
        }

        static String seed(Store store) throws Exception {
            long started = System.nanoTime();
            long rows;
            try (Connection c = store.connect(); Seeder seeder = new Seeder(c, store.size())) {
                if (store.vendor().equals("sqlite")) {
                    try (Statement s = c.createStatement()) {
                        s.execute("PRAGMA synchronous=OFF"); // a benchmark's seed, not a user's data
                        s.execute("PRAGMA cache_size=-262144");
                    }
                }
                c.setAutoCommit(false);
                seeder.run();
                rows = seeder.rows;
            }
            if (store.vendor().equals("postgresql")) {
                // What autovacuum does on its own shortly after a bulk load: statistics and the visibility map.
                try (Connection c = store.connect(); Statement s = c.createStatement()) {
                    s.execute("VACUUM ANALYZE");
                }
            }
            long seconds = Math.max(1, Duration.ofNanos(System.nanoTime() - started).toSeconds());
            String line = String.format("%,d rows in %d s (%,d rows/s)", rows, seconds, rows / seconds);
            System.err.printf("pagesbench: seeded %s: %s%n", store.label(), line);
            return line;
        }

        void run() throws Exception {
            // Storms: the largest is still open, the others long resolved.
            int[] stormAt = {total * 9 / 10, total * 6 / 10, total * 3 / 10, total / 10};
            int[] stormSize = {Math.max(300, total / 50), Math.max(200, total / 100), Math.max(150, total / 200),
                Math.max(120, total / 500)};
            String[] stormState = {"TRIGGERED", "RESOLVED", "RESOLVED", "RESOLVED"};
            boolean[] stormDone = new boolean[stormAt.length];
            int i = 0;
            long reported = 0;
            while (i < total) {
                int storm = -1;
                for (int s = 0; s < stormAt.length; s++) {
                    if (!stormDone[s] && i >= stormAt[s]) {
                        storm = s;
                    }
                }
                if (storm >= 0) {
                    stormDone[storm] = true;
                    i += incident(i, Math.min(stormSize[storm], total - i), stormState[storm]);
                } else if (random.nextDouble() < 0.01) {
                    i += held(i);
                } else {
                    double r = random.nextDouble();
                    String state = r < 0.015 ? "TRIGGERED" : r < 0.02 ? "ACKNOWLEDGED" : "RESOLVED";
                    i += incident(i, Math.min(smallSize(), total - i), state);
                }
                if (sinceCommit >= CHUNK) {
                    flush();
                }
                if (i - reported >= 100_000) {
                    reported = i;
                    System.err.printf("pagesbench: seeding: %,d of %,d alerts (%,d rows)%n", i, total, rows);
                }
            }
            flush();
            try (PreparedStatement counter = c.prepareStatement(
                    "UPDATE incident_counter SET value = ? WHERE name = 'incident'")) {
                counter.setLong(1, number);
                counter.executeUpdate();
            }
            c.commit();
        }

        int smallSize() {
            double r = random.nextDouble();
            if (r < 0.60) return 1;
            if (r < 0.80) return 2;
            if (r < 0.90) return 3 + random.nextInt(3);
            if (r < 0.99) return 6 + random.nextInt(15);
            return 21 + random.nextInt(180);
        }

        long at(int index) {
            return start + index * step;
        }

        /** One incident of {@code size} alerts from alert {@code first} on; returns how many alerts it made. */
        int incident(int first, int size, String state) throws Exception {
            String service = SERVICES[random.nextInt(SERVICES.length)];
            String name = ALERT_NAMES[random.nextInt(ALERT_NAMES.length)];
            String severity = random.nextDouble() < 0.3 ? "CRITICAL" : random.nextDouble() < 0.5 ? "ERROR" : "WARNING";
            String sev = severity.equals("CRITICAL") ? "SEV1" : severity.equals("ERROR") ? "SEV2" : "SEV3";
            Map<String, String> shared = sharedLabels(service, name, severity);
            long opened = at(first);
            String id = uuid7(opened);
            number++;
            boolean open = !state.equals("RESOLVED");
            long lastResolved = opened;
            String title = null;
            for (int k = 0; k < size; k++) {
                long t = at(first + k);
                String instance = String.format("host-%04d", random.nextInt(INSTANCES));
                String summary = name + " on " + instance + " (" + service + ")";
                if (title == null) {
                    title = summary;
                }
                long resolvedAt = open ? 0 : t + Duration.ofMinutes(1 + random.nextInt(180)).toMillis();
                lastResolved = Math.max(lastResolved, resolvedAt);
                String alertId = alert(first + k, t, service, severity, summary, shared, instance, resolvedAt, id, null);
                note(id, t, k == 0 ? "triggered" : "alert",
                        k == 0 ? "Incident opened by alert: " + summary + " (" + sev + ")" : "Alert joined: " + summary,
                        null);
                if (!open) {
                    note(id, resolvedAt, "alert", "Alert resolved: " + summary, null);
                }
                history(alertId, t, "triggered", "Triggered: " + summary + " (route: service " + service + ")");
                if (!open) {
                    history(alertId, resolvedAt, "resolved", "Resolved: " + summary);
                }
            }
            long acknowledged = state.equals("ACKNOWLEDGED") ? opened + Duration.ofMinutes(4).toMillis() : 0;
            if (acknowledged > 0) {
                note(id, acknowledged, "acknowledged", "Acknowledged by admin", "admin");
            }
            if (!open) {
                note(id, lastResolved, "resolved", "Resolved: all its alerts have resolved", "integration");
            }
            incident.setString(1, id);
            incident.setLong(2, number);
            incident.setString(3, service);
            incident.setString(4, "by|9:alertname=" + name.length() + ":" + name);
            incident.setString(5, title);
            incident.setString(6, sev);
            incident.setString(7, state);
            incident.setLong(8, opened);
            setLongOrNull(incident, 9, acknowledged);
            incident.setString(10, acknowledged > 0 ? "admin" : null);
            setLongOrNull(incident, 11, open ? 0 : lastResolved);
            incident.setString(12, open ? null : "integration");
            incident.setLong(13, size);
            incident.setLong(14, open ? size : 0);
            incident.setLong(15, 2L * size);
            incident.addBatch();
            rows++;
            return size;
        }

        /** An alert a silence held back: stored and visible, in no incident. */
        int held(int index) throws Exception {
            String service = SERVICES[random.nextInt(SERVICES.length)];
            String name = ALERT_NAMES[random.nextInt(ALERT_NAMES.length)];
            String instance = String.format("host-%04d", random.nextInt(INSTANCES));
            String summary = name + " on " + instance + " (" + service + ")";
            long t = at(index);
            long resolvedAt = random.nextDouble() < 0.3 ? 0 : t + Duration.ofMinutes(30).toMillis();
            String silence = "silence " + uuid7(t - 60_000);
            String alertId = alert(index, t, service, "WARNING", summary, sharedLabels(service, name, "WARNING"),
                    instance, resolvedAt, null, silence);
            history(alertId, t, "triggered", "Triggered: " + summary + " (route: service " + service + ")");
            history(alertId, t, "held", "Held back, no incident: " + silence);
            if (resolvedAt > 0) {
                history(alertId, resolvedAt, "resolved", "Resolved: " + summary);
            }
            return 1;
        }

        Map<String, String> sharedLabels(String service, String name, String severity) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("alertname", name);
            labels.put("service", service);
            labels.put("team", TEAMS[Math.floorMod(service.hashCode(), TEAMS.length)]);
            labels.put("env", random.nextDouble() < 0.8 ? "prod" : "staging");
            labels.put("region", REGIONS[random.nextInt(REGIONS.length)]);
            labels.put("job", JOBS[random.nextInt(JOBS.length)]);
            labels.put("severity", severity.toLowerCase(Locale.ROOT));
            return labels;
        }

        String alert(int index, long t, String service, String severity, String summary, Map<String, String> shared,
                String instance, long resolvedAt, String incidentId, String heldBy) throws Exception {
            String id = uuid7(t);
            Map<String, String> labels = new LinkedHashMap<>(shared);
            labels.put("instance", instance);
            alert.setString(1, id);
            alert.setString(2, service);
            alert.setString(3, service);
            alert.setString(4, String.format("%016x", index));
            alert.setString(5, resolvedAt > 0 ? "RESOLVED" : "FIRING");
            alert.setString(6, severity);
            alert.setString(7, summary);
            alert.setString(8, json(labels));
            alert.setString(9, json(Map.of("summary", summary, "runbook_url",
                    "https://runbooks.example.com/" + shared.get("alertname"))));
            alert.setLong(10, 1 + random.nextInt(40));
            alert.setLong(11, t);
            alert.setLong(12, resolvedAt > 0 ? resolvedAt : t + random.nextInt(600_000));
            setLongOrNull(alert, 13, resolvedAt);
            alert.setString(14, incidentId);
            alert.setString(15, heldBy);
            alert.addBatch();
            rows++;
            sinceCommit++;
            return id;
        }

        void history(String alertId, long at, String kind, String text) throws Exception {
            add(history, uuid7(at), alertId, at, kind, text);
        }

        void note(String incidentId, long at, String kind, String text, String actor) throws Exception {
            add(timeline, uuid7(at), incidentId, at, kind, text, actor);
        }

        /** One row into a statement's batch, its values in column order. */
        void add(PreparedStatement insert, Object... values) throws Exception {
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.addBatch();
            rows++;
        }

        void flush() throws Exception {
            incident.executeBatch();
            alert.executeBatch();
            history.executeBatch();
            timeline.executeBatch();
            c.commit();
            sinceCommit = 0;
        }

        static void setLongOrNull(PreparedStatement s, int index, long value) throws Exception {
            if (value > 0) {
                s.setLong(index, value);
            } else {
                s.setNull(index, java.sql.Types.BIGINT);
            }
        }

        /** Labels as Jackson writes them for the alert stages: compact JSON, names and values as given. */
        static String json(Map<String, String> map) {
            StringBuilder out = new StringBuilder("{");
            for (var e : map.entrySet()) {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
            }
            return out.append('}').toString();
        }

        /** A UUIDv7 for the given time, as dev.firewatch.store.Ids makes them, so id order is time order. */
        String uuid7(long millis) {
            long high = (millis << 16) | 0x7000L | random.nextInt(1 << 12);
            long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
            return new UUID(high, low).toString();
        }

        @Override
        public void close() throws Exception {
            incident.close();
            alert.close();
            history.close();
            timeline.close();
        }
    }

    // ---------------------------------------------------------------- the server

    record Server(Process process, int port, Path log) {
        static Server start(Store store) throws Exception {
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path log = store.dir().resolve("serve.log");
            ProcessBuilder builder = new ProcessBuilder("bin/firewatch", "serve", "--config", store.config().toString(),
                    "--data", store.dir().resolve("data").toString(), "--port", Integer.toString(port));
            builder.environment().put("FIREWATCH_ADMIN_PASSWORD", PASSWORD);
            builder.redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process process = builder.start();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return new Server(process, port, log);
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("firewatch exited; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("not ready after 120 s; see " + log);
                }
                Thread.sleep(20);
            }
        }

        String base() {
            return "http://127.0.0.1:" + port;
        }

        void stop() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** One signed-in person's browser: cookies kept, redirects not followed. */
    static final class Client {
        final String base;
        final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        Client(String base) {
            this.base = base;
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postForm(String path, Map<String, String> fields) throws Exception {
            StringBuilder body = new StringBuilder();
            for (var e : fields.entrySet()) {
                if (!body.isEmpty()) {
                    body.append('&');
                }
                body.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            }
            return http.send(HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        String signIn() throws Exception {
            String csrf = csrfOf(get("/login").body());
            var response = postForm("/login", Map.of("_csrf", csrf, "username", "admin", "password", PASSWORD, "next", "/"));
            if (response.statusCode() != 303) {
                throw new IllegalStateException("sign-in answered " + response.statusCode() + ": " + response.body());
            }
            return csrfOf(get("/incidents").body());
        }

        static String csrfOf(String html) {
            Matcher m = CSRF.matcher(html);
            if (!m.find()) {
                throw new IllegalStateException("no CSRF field in the page");
            }
            return m.group(1);
        }
    }

    // ---------------------------------------------------------------- measuring

    /** What one request type measured: milliseconds per request, bytes of the last answer, failures. */
    static final class Series {
        final String name;
        final List<Double> millis = new ArrayList<>();
        long bytes;
        int failures;
        String firstFailure;

        Series(String name) {
            this.name = name;
        }

        double percentile(double p) {
            if (millis.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
        }
    }

    static final class Run {
        Store store;
        Facts facts;
        Map<String, Series> series = new LinkedHashMap<>();
        double load1;
        double othersBefore;
        Map<String, Double> cores = new LinkedHashMap<>();
        String note = "";
    }

    /** What the requests need to know about the seeded store, read over JDBC before measuring. */
    record Facts(long alerts, long history, long incidents, long timeline, long firing, long smallIncident,
            long smallAlerts, long hugeIncident, long hugeAlerts, String deepCursor, List<Long> open) {
        static Facts of(Store store, int needed) throws Exception {
            try (Connection c = store.connect()) {
                long[] small = pair(c, "SELECT number, alert_count FROM incident_incident WHERE alert_count BETWEEN 2 AND 5"
                        + " ORDER BY number DESC LIMIT 1");
                long[] huge = pair(c, "SELECT number, alert_count FROM incident_incident ORDER BY alert_count DESC LIMIT 1");
                List<Long> open = numbers(c, "WHERE state <> 'RESOLVED'", needed);
                if (open.isEmpty()) { // a store too small to have an open incident: reopen the newest
                    open = numbers(c, "", needed);
                }
                String deep;
                try (PreparedStatement s = c.prepareStatement("SELECT id FROM alert_alert ORDER BY id LIMIT 1 OFFSET ?")) {
                    s.setLong(1, store.size() / 10); // nine tenths of the way back from the newest
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        deep = rs.getString(1);
                    }
                }
                return new Facts(count(c, "alert_alert", ""), count(c, "alert_history", ""),
                        count(c, "incident_incident", ""), count(c, "incident_timeline", ""),
                        count(c, "alert_alert", " WHERE state = 'FIRING'"), small[0], small[1], huge[0], huge[1], deep,
                        open);
            }
        }

        static List<Long> numbers(Connection c, String where, int limit) throws Exception {
            List<Long> numbers = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT number FROM incident_incident " + where + " ORDER BY number DESC LIMIT ?")) {
                s.setInt(1, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        numbers.add(rs.getLong(1));
                    }
                }
            }
            return numbers;
        }

        static long count(Connection c, String table, String where) throws Exception {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table + where)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        static long[] pair(Connection c, String sql) throws Exception {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /** A request to time: the path of its i-th call, and what a good answer contains. */
    record Probe(String name, IntFunction<String> path, String expect) {}

    static Run measure(Store store) throws Exception {
        Run run = new Run();
        run.store = store;
        run.facts = Facts.of(store, warmup + requests);
        Facts f = run.facts;
        System.err.printf("pagesbench: %s: %,d alerts (%,d firing), %,d history rows, %,d incidents, %,d timeline rows;"
                        + " small incident #%d (%d alerts), largest #%d (%,d alerts)%n", store.label(), f.alerts(),
                f.firing(), f.history(), f.incidents(), f.timeline(), f.smallIncident(), f.smallAlerts(),
                f.hugeIncident(), f.hugeAlerts());
        waitForQuiet(run);
        Server server = Server.start(store);
        try {
            Client client = new Client(server.base());
            String csrf = client.signIn();
            List<Probe> probes = List.of(
                    new Probe("GET /alerts (firing, first page)", i -> "/alerts", "id=\"alerts\""),
                    new Probe("GET /api/v1/alerts (first 100)", i -> "/api/v1/alerts", "\"alerts\""),
                    new Probe("GET /alerts?state=resolved", i -> "/alerts?state=resolved", "id=\"alerts\""),
                    new Probe("GET /alerts?state=all&service=payments", i -> "/alerts?state=all&service=payments",
                            "id=\"alerts\""),
                    new Probe("GET /alerts?state=all&label=env=prod (common)",
                            i -> "/alerts?state=all&label=" + encode("env=prod"), "id=\"alerts\""),
                    new Probe("GET /alerts?state=all&label=instance=host-0042 (rare)",
                            i -> "/alerts?state=all&label=" + encode("instance=host-0042"), "id=\"alerts\""),
                    new Probe("GET /alerts?state=all&before=… (9/10 back)",
                            i -> "/alerts?state=all&before=" + f.deepCursor(), "id=\"alerts\""),
                    new Probe("GET /incidents (open)", i -> "/incidents", "id=\"incidents\""),
                    new Probe("GET /incidents/{n}, a small incident", i -> "/incidents/" + f.smallIncident(),
                            "id=\"timeline\""),
                    new Probe("GET /incidents/{n}, the largest incident",
                            i -> "/incidents/" + f.hugeIncident(), "id=\"timeline\""));
            long[] cpuBefore = Cpu.snapshot(server.process().pid());
            long started = System.nanoTime();
            for (Probe probe : probes) {
                Series series = new Series(probe.name());
                run.series.put(probe.name(), series);
                for (int i = 0; i < warmup + requests; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = client.get(probe.path().apply(i));
                    double ms = (System.nanoTime() - t0) / 1e6;
                    check(series, response, 200, probe.expect());
                    if (i >= warmup) {
                        series.millis.add(ms);
                    }
                }
            }
            acknowledge(run, store, client, csrf);
            long[] cpuAfter = Cpu.snapshot(server.process().pid());
            run.cores = Cpu.split(cpuBefore, cpuAfter, (System.nanoTime() - started) / 1e9);
        } finally {
            server.stop();
        }
        for (Series s : run.series.values()) {
            System.err.printf("  %-58s p50 %6.1f  p99 %6.1f  max %6.1f ms  %,d B%s%n", s.name, s.percentile(0.5),
                    s.percentile(0.99), s.percentile(1.0), s.bytes, s.failures > 0 ? "  FAILURES " + s.failures : "");
        }
        return run;
    }

    /**
     * The Acknowledge button: the form's POST with the session's CSRF token, a different open incident each
     * time, then the incident page it redirects to. The open incidents are set to triggered over JDBC first,
     * outside the timing, and again whenever they have all been acknowledged (the anchor has only a few).
     */
    static void acknowledge(Run run, Store store, Client client, String csrf) throws Exception {
        Series post = new Series("POST /incidents/{n}/acknowledge (the button)");
        Series both = new Series("… and the page it redirects to (what the person waits for)");
        run.series.put(post.name, post);
        run.series.put(both.name, both);
        List<Long> queue = new ArrayList<>();
        for (int i = 0; i < warmup + requests; i++) {
            if (queue.isEmpty()) {
                retrigger(store, run.facts.open());
                queue.addAll(run.facts.open());
            }
            long number = queue.removeFirst();
            long t0 = System.nanoTime();
            HttpResponse<String> response = client.postForm("/incidents/" + number + "/acknowledge", Map.of("_csrf", csrf));
            double postMs = (System.nanoTime() - t0) / 1e6;
            check(post, response, 303, null);
            String location = response.headers().firstValue("Location").orElse("/incidents/" + number);
            HttpResponse<String> page = client.get(URI.create(location).getPath());
            double bothMs = (System.nanoTime() - t0) / 1e6;
            check(both, page, 200, "acknowledged");
            if (i >= warmup) {
                post.millis.add(postMs);
                both.millis.add(bothMs);
            }
        }
    }

    static void retrigger(Store store, List<Long> numbers) throws Exception {
        try (Connection c = store.connect();
                PreparedStatement s = c.prepareStatement("UPDATE incident_incident SET state = 'TRIGGERED', acknowledged_at = NULL,"
                        + " acknowledged_by = NULL, resolved_at = NULL, resolved_by = NULL, version = version + 1"
                        + " WHERE number = ?")) {
            for (long n : numbers) {
                s.setLong(1, n);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    static void check(Series series, HttpResponse<String> response, int status, String expect) {
        series.bytes = response.body().length();
        if (response.statusCode() != status || (expect != null && !response.body().contains(expect))) {
            series.failures++;
            if (series.firstFailure == null) {
                String body = response.body();
                series.firstFailure = response.statusCode() + " " + body.substring(0, Math.min(300, body.length()));
                System.err.printf("pagesbench: %s answered %s%n", series.name, series.firstFailure);
            }
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- the machine

    /** Waits, bounded, until others leave the machine mostly idle; records what it saw. */
    static void waitForQuiet(Run run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxWaitSeconds);
        while (true) {
            long[] a = Cpu.machine();
            Thread.sleep(3000);
            long[] b = Cpu.machine();
            run.othersBefore = (b[1] - a[1]) / (double) Math.max(1, b[0] - a[0]) * CPUS;
            run.load1 = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            if (run.othersBefore <= quietCores) {
                return;
            }
            if (System.nanoTime() > deadline) {
                run.note = String.format("busy: others used %.2f cores when measuring began", run.othersBefore);
                return;
            }
            System.err.printf("pagesbench: others use %.2f cores (load %.2f); waiting%n", run.othersBefore, run.load1);
            Thread.sleep(5000);
        }
    }

    /** CPU ticks from /proc: the machine, the server, every postgres process, this benchmark. */
    static final class Cpu {
        /** {total, busy, server, postgres, bench} in ticks. */
        static long[] snapshot(long serverPid) throws IOException {
            long[] machine = machine();
            long postgres = 0;
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path dir : dirs.toList()) {
                    String name = dir.getFileName().toString();
                    if (name.chars().allMatch(Character::isDigit)) {
                        String[] stat = stat(Long.parseLong(name));
                        if (stat != null && stat[0].equals("postgres")) {
                            postgres += ticks(stat);
                        }
                    }
                }
            }
            String[] server = stat(serverPid);
            String[] self = stat(ProcessHandle.current().pid());
            return new long[] {machine[0], machine[1], server == null ? 0 : ticks(server), postgres,
                self == null ? 0 : ticks(self)};
        }

        static Map<String, Double> split(long[] a, long[] b, double seconds) {
            Map<String, Double> cores = new LinkedHashMap<>();
            double total = b[0] - a[0];
            double perCore = total / CPUS; // ticks of one core over the interval
            double busy = (b[1] - a[1]) / perCore;
            double server = (b[2] - a[2]) / perCore;
            double postgres = (b[3] - a[3]) / perCore;
            double bench = (b[4] - a[4]) / perCore;
            cores.put("server", server);
            cores.put("postgres", Math.max(0, postgres)); // a process that exits in between takes its ticks along
            cores.put("bench", bench);
            cores.put("others", Math.max(0, busy - server - postgres - bench));
            cores.put("idle", CPUS - busy);
            cores.put("seconds", seconds);
            return cores;
        }

        /** {total, busy} over all CPUs. */
        static long[] machine() throws IOException {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total, total - idle};
        }

        /** The fields of /proc/PID/stat from the command name on (its parentheses removed), or null. */
        static String[] stat(long pid) {
            try {
                String text = Files.readString(Path.of("/proc/" + pid + "/stat"));
                int open = text.indexOf('(');
                int close = text.lastIndexOf(')');
                String[] rest = text.substring(close + 2).split(" ");
                String[] out = new String[rest.length + 1];
                out[0] = text.substring(open + 1, close);
                System.arraycopy(rest, 0, out, 1, rest.length);
                return out;
            } catch (IOException | RuntimeException gone) {
                return null;
            }
        }

        /** utime + stime: fields 14 and 15 of stat, here 12 and 13 after the name. */
        static long ticks(String[] stat) {
            return Long.parseLong(stat[12]) + Long.parseLong(stat[13]);
        }
    }

    // ---------------------------------------------------------------- the report

    static String report(List<Run> runs) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Pages with %,d alerts against %,d (the anchor); %d requests each after %d warm-up,"
                + " one client, sequential; times in ms (p50 / p90 / p99 / max)%n%n", alerts, anchor, requests, warmup));
        for (int r = 0; r + 1 < runs.size(); r += 2) {
            Run big = runs.get(r);
            Run small = runs.get(r + 1);
            String vendor = big.store.vendor().equals("sqlite") ? "SQLite" : "PostgreSQL";
            out.append("### ").append(vendor).append("\n\n");
            for (Run run : List.of(big, small)) {
                Facts f = run.facts;
                out.append(String.format("- %s: %,d alerts (%,d firing), %,d history rows, %,d incidents, %,d timeline"
                                + " rows; small incident %d alerts, largest %,d; seeded %s%n", run.store.label(),
                        f.alerts(), f.firing(), f.history(), f.incidents(), f.timeline(), f.smallAlerts(),
                        f.hugeAlerts(), run.store.seeding()));
                out.append(String.format("  measuring: load %.2f and others %.2f cores before; during (%.0f s): cores"
                                + " server %.2f / postgres %.2f / bench %.2f / others %.2f / idle %.2f%s%n",
                        run.load1, run.othersBefore, run.cores.get("seconds"), run.cores.get("server"),
                        run.cores.get("postgres"), run.cores.get("bench"), run.cores.get("others"),
                        run.cores.get("idle"), run.note.isEmpty() ? "" : "; " + run.note));
            }
            out.append(String.format("%n| request | %,d alerts | %,d alerts | KB (%,d) | p99 < 200 ms |%n", big.store.size(),
                    small.store.size(), big.store.size()));
            out.append("|---|---|---|---|---|\n");
            for (String name : big.series.keySet()) {
                Series b = big.series.get(name);
                Series s = small.series.getOrDefault(name, new Series(name));
                out.append(String.format("| %s | %s | %s | %.0f | %s |%n", name, figures(b), figures(s), b.bytes / 1024.0,
                        b.failures > 0 ? "failed " + b.failures : b.percentile(0.99) < 200 ? "yes" : "**no**"));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String figures(Series s) {
        if (s.millis.isEmpty()) {
            return "–";
        }
        return String.format("%.1f / %.1f / %.1f / %.1f", s.percentile(0.5), s.percentile(0.9), s.percentile(0.99),
                s.percentile(1.0));
    }
}
