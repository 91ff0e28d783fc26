import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Boot time on an empty store against boot time on a store with one million rows in its largest table,
 * measured in the same run, alternating, so both see the same machine. DESIGN §4: boot work is bounded by
 * the schema, never by the rows.
 *
 * <p>Run through bench/boot.sh, which builds the jar first. Arguments: sqlite|postgresql [runs] [rows].
 */
public class BootBench {
    static final String ADMIN_PG = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    public static void main(String[] args) throws Exception {
        String vendor = args.length > 0 ? args[0] : "sqlite";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        Path work = Files.createTempDirectory("firewatch-bootbench");
        Store empty = prepare(vendor, work.resolve("empty"), 0);
        Store full = prepare(vendor, work.resolve("full"), rows);
        List<Long> emptyTimes = new ArrayList<>();
        List<Long> fullTimes = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            emptyTimes.add(bootMillis(empty));
            fullTimes.add(bootMillis(full));
            System.err.printf("run %d/%d: empty %d ms, %,d rows %d ms%n", run, runs, emptyTimes.getLast(), rows, fullTimes.getLast());
        }
        System.out.printf("%s, %d runs each, alternating; time from process start to the first 200 from /readyz%n", vendor, runs);
        System.out.printf("  empty store       : median %5d ms  (min %d, max %d)%n", median(emptyTimes), Collections.min(emptyTimes), Collections.max(emptyTimes));
        System.out.printf("  %,d audit rows : median %5d ms  (min %d, max %d)%n", rows, median(fullTimes), Collections.min(fullTimes), Collections.max(fullTimes));
        empty.drop();
        full.drop();
    }

    /** A data directory and config for one store, seeded with {@code rows} audit entries. */
    record Store(Path dir, Path config, String pgName) {
        void drop() throws Exception {
            if (pgName != null) {
                try (Connection c = DriverManager.getConnection(ADMIN_PG)) {
                    c.createStatement().execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
                }
            }
        }
    }

    static Store prepare(String vendor, Path dir, int rows) throws Exception {
        Files.createDirectories(dir);
        String pgName = null;
        String storeUrl = "";
        if (vendor.equals("postgresql")) {
            pgName = "firewatch_bootbench_" + dir.getFileName() + "_" + ProcessHandle.current().pid();
            try (Connection c = DriverManager.getConnection(ADMIN_PG)) {
                c.createStatement().execute("CREATE DATABASE " + pgName);
            }
            storeUrl = "jdbc:postgresql://127.0.0.1:5432/" + pgName + "?user=postgres";
        }
        Path config = dir.resolve("firewatch.yaml");
        Files.writeString(config, """
                server:
                  host: 127.0.0.1
                store:
                  url: "%s"
                users:
                  - name: admin
                    role: admin
                services:
                  - name: demo
                    integration_key: demo-key
                """.formatted(storeUrl));
        Store store = new Store(dir, config, pgName);
        bootMillis(store); // creates the schema and the admin, as a first start does
        if (rows > 0) {
            seed(vendor.equals("postgresql") ? storeUrl : "jdbc:sqlite:" + dir.resolve("data/firewatch.db"), rows);
        }
        return store;
    }

    static void seed(String url, int rows) throws Exception {
        var ids = new dev.firewatch.store.Ids(Clock.systemUTC());
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO auth_audit (id, at, actor, action, target, detail, address) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= rows; i++) {
                    insert.setString(1, ids.next());
                    insert.setLong(2, System.currentTimeMillis());
                    insert.setString(3, "key:fw_bench000");
                    insert.setString(4, "bench.event");
                    insert.setString(5, "target-" + i);
                    insert.setString(6, "a row that exists only to make the table large");
                    insert.setString(7, "127.0.0.1");
                    insert.addBatch();
                    if (i % 10_000 == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                    if (i % 100_000 == 0) {
                        System.err.printf("seeding: %,d of %,d rows%n", i, rows);
                    }
                }
                insert.executeBatch();
                c.commit();
            }
        }
        System.err.printf("seeded %,d rows in %d s%n", rows, Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    /** Starts bin/firewatch serve, waits for /readyz 200, stops it with SIGTERM; returns the wait. */
    static long bootMillis(Store store) throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("bin/firewatch", "serve", "--config", store.config().toString(),
                "--data", store.dir().resolve("data").toString(), "--port", Integer.toString(port));
        builder.environment().put("FIREWATCH_ADMIN_PASSWORD", "bench-admin-password");
        builder.redirectErrorStream(true);
        builder.redirectOutput(store.dir().resolve("serve.log").toFile());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build();
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            while (true) {
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return (System.nanoTime() - started) / 1_000_000;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("firewatch exited; see " + store.dir().resolve("serve.log"));
                }
                if (System.nanoTime() - started > Duration.ofSeconds(60).toNanos()) {
                    throw new IllegalStateException("not ready after 60 s; see " + store.dir().resolve("serve.log"));
                }
                Thread.sleep(10);
            }
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
