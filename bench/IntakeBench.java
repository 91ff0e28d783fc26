import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Intake throughput: wrk posts to Firewatch's intake endpoints and, in the same run with the same generator,
 * to the real Prometheus Alertmanager's /api/v2/alerts, the anchor. Each scenario gets a fresh server and a
 * fresh store, a warm-up, then a measured window; it reports accepted events/s, wrk's p50/p99, the peak RSS of
 * the server, where the two cores went (server, generator, PostgreSQL, everything else), the server threads
 * that used them, and for Firewatch whether the journal holds every acknowledged event and how far the
 * journal consumer (the alert stages behind the 2xx) kept up.
 *
 * <p>Run through bench/intake.sh, which builds the jar first. Loopback only; every loop is bounded.
 */
public class IntakeBench {
    static final String ADMIN_PG = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    static final String ALERTMANAGER = "/usr/bin/prometheus-alertmanager";
    static final long HZ = 100; // USER_HZ: /proc times are in hundredths of a second on Linux
    static final int CPUS = Runtime.getRuntime().availableProcessors();

    // ---- options
    static int runs = 2;
    static List<String> stores = List.of("sqlite", "postgresql");
    static List<String> only = List.of();
    static int warmup = 10;
    static int measure = 20;
    static int threads = 2;
    static int connections = 32;
    static int repeatKeys = 100;
    static double quietCores = 0.5;
    static int maxWaitSeconds = 600;
    static boolean profile = false;
    static Path out;

    /** What one scenario posts where. */
    record Scenario(String name, String target, String store, String luaMode, String path, int batch) {
        boolean firewatch() {
            return target.equals("firewatch");
        }
    }

    /** The figures of one measured window. */
    static final class Result {
        Scenario scenario;
        int run;
        double load1;
        double othersBeforeCores;
        long requests;
        long non2xx;
        long socketErrors;
        double seconds;
        double eventsPerSecond;
        double p50Ms, p90Ms, p99Ms, p999Ms, maxMs;
        long peakRssKb;
        long endRssKb;
        Map<String, Double> cores = new LinkedHashMap<>();
        List<String> topThreads = new ArrayList<>();
        Map<String, Double> threadCores = new HashMap<>();
        long acknowledgedEvents = -1; // warm-up + measure
        long journalRows = -1;
        long processedAtStart = -1, processedAtEnd = -1;
        long processedAfter = -1; // right after wrk ended
        double windowSeconds;
        java.time.Instant windowFrom, windowTo;
        long alerts = -1, incidents = -1;
        String note = "";

        double consumerPerSecond() {
            return processedAtStart < 0 ? -1 : (processedAtEnd - processedAtStart) / windowSeconds;
        }
    }

    public static void main(String[] args) throws Exception {
        parse(args);
        out = Files.createTempDirectory("firewatch-intakebench");
        System.err.printf("intakebench: work directory %s%n", out);
        List<Scenario> plan = new ArrayList<>();
        plan.add(new Scenario("am-single", "alertmanager", "-", "am-api", "/api/v2/alerts", 1));
        plan.add(new Scenario("am-batch", "alertmanager", "-", "am-api", "/api/v2/alerts", 100));
        for (String store : stores) {
            plan.add(new Scenario("fw-v2-distinct", "firewatch", store, "v2-distinct", "/v2/enqueue", 1));
            plan.add(new Scenario("fw-v2-repeat", "firewatch", store, "v2-repeat", "/v2/enqueue", 1));
            plan.add(new Scenario(
                    "fw-am-batch", "firewatch", store, "am-webhook", "/api/v1/integrations/alertmanager/demo-key", 100));
        }
        if (!only.isEmpty()) {
            plan.removeIf(s -> !only.contains(s.name()));
        }
        List<Result> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (Scenario scenario : plan) {
                Result result = runScenario(scenario, run);
                results.add(result);
                System.err.println("  " + line(result));
            }
        }
        String report = report(results);
        System.out.print(report);
        Files.writeString(out.resolve("report.md"), report);
        System.err.printf("intakebench: report also in %s%n", out.resolve("report.md"));
    }

    static void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(value);
                case "--stores" -> stores = List.of(value.split(","));
                case "--only" -> only = List.of(value.split(","));
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--measure" -> measure = Integer.parseInt(value);
                case "--threads" -> threads = Integer.parseInt(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--quiet-cores" -> quietCores = Double.parseDouble(value);
                case "--max-wait" -> maxWaitSeconds = Integer.parseInt(value);
                case "--profile" -> {
                    profile = true;
                    continue;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --runs N --stores sqlite,postgresql --only fw-v2-distinct,... --warmup S"
                        + " --measure S --threads N --connections N --quiet-cores C --max-wait S --profile");
            }
            i++;
        }
    }

    // ---------------------------------------------------------------- one scenario

    static Result runScenario(Scenario scenario, int run) throws Exception {
        Result result = new Result();
        result.scenario = scenario;
        result.run = run;
        waitForQuiet(result);
        String label = scenario.name() + (scenario.firewatch() ? "-" + scenario.store() : "") + "-run" + run;
        Path dir = Files.createDirectories(out.resolve(label));
        System.err.printf("intakebench: %s (load %.2f, others %.2f cores before start)%n", label, result.load1,
                result.othersBeforeCores);
        Server server = scenario.firewatch() ? startFirewatch(scenario, dir) : startAlertmanager(dir);
        RssSampler rss = new RssSampler(server.process().pid());
        try {
            String url = "http://127.0.0.1:" + server.port() + scenario.path();
            Wrk warm = wrk(url, scenario, "w" + run, warmup, dir.resolve("wrk-warmup.txt"));
            if (!server.process().isAlive()) {
                throw new IllegalStateException("the server died during the warm-up; see " + dir);
            }
            Thread sampler = Thread.ofPlatform().daemon().start(rss);
            // CPU and consumer progress are sampled inside the window, while wrk still runs (its CPU is gone
            // from /proc once it exits): from 1 s after its start to 1 s before its end.
            CpuSnapshot[] cpu = new CpuSnapshot[2];
            long[] windowNanos = new long[2];
            Wrk measured = wrk(url, scenario, "m" + run, measure, dir.resolve("wrk-measure.txt"), wrkPid -> {
                try {
                    Thread.sleep(1_000);
                    windowNanos[0] = System.nanoTime();
                    result.windowFrom = java.time.Instant.now();
                    cpu[0] = CpuSnapshot.take(server.process().pid());
                    if (scenario.firewatch()) {
                        result.processedAtStart = server.db().processed();
                    }
                    Thread.sleep(Math.max(0, Math.max(1, measure - 2) * 1_000L - (System.nanoTime() - windowNanos[0]) / 1_000_000));
                    if (scenario.firewatch()) {
                        result.processedAtEnd = server.db().processed();
                    }
                    windowNanos[1] = System.nanoTime();
                    result.windowTo = java.time.Instant.now();
                    cpu[1] = CpuSnapshot.take(server.process().pid());
                    if (profile && scenario.firewatch()) {
                        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                        .toString(), Long.toString(server.process().pid()), "JFR.dump", "name=bench",
                                        "filename=" + dir.resolve("profile.jfr"))
                                .redirectErrorStream(true).redirectOutput(dir.resolve("jcmd.log").toFile()).start();
                        jcmd.waitFor(20, TimeUnit.SECONDS);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            result.windowSeconds = (windowNanos[1] - windowNanos[0]) / 1e9;
            rss.stop();
            sampler.join(1_000);
            if (scenario.firewatch()) {
                result.journalRows = server.db().count("SELECT COUNT(*) FROM intake_journal");
                result.processedAfter = server.db().processed();
                result.alerts = server.db().count("SELECT COUNT(*) FROM alert_alert");
                result.incidents = server.db().count("SELECT COUNT(*) FROM incident_incident");
                long warmAccepted = (warm.requests - warm.non2xx - warm.socketErrors) * scenario.batch();
                long measuredAccepted = (measured.requests - measured.non2xx - measured.socketErrors) * scenario.batch();
                result.acknowledgedEvents = warmAccepted + measuredAccepted;
            }
            result.requests = measured.requests;
            result.non2xx = measured.non2xx;
            result.socketErrors = measured.socketErrors;
            result.seconds = measured.seconds;
            result.eventsPerSecond = (measured.requests - measured.non2xx - measured.socketErrors) * (double)
                    scenario.batch() / measured.seconds;
            result.p50Ms = measured.p50Ms;
            result.p90Ms = measured.p90Ms;
            result.p99Ms = measured.p99Ms;
            result.p999Ms = measured.p999Ms;
            result.maxMs = measured.maxMs;
            result.peakRssKb = rss.peakKb.get();
            result.endRssKb = rss.lastKb.get();
            cpuSplit(result, cpu[0], cpu[1], server.process().pid(), measured.pid);
        } finally {
            server.stop();
        }
        if (profile && scenario.firewatch()) {
            Path jfr = dir.resolve("profile.jfr");
            if (Files.exists(jfr)) {
                String summary = summarizeJfr(jfr, result.windowFrom, result.windowTo);
                Files.writeString(dir.resolve("profile.txt"), summary);
                System.err.println(summary);
            }
        }
        return result;
    }

    /** Waits, bounded, until other users of the machine leave it mostly idle; records what it saw. */
    static void waitForQuiet(Result result) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxWaitSeconds);
        while (true) {
            double busy = busyCores(Duration.ofSeconds(3));
            result.load1 = load1();
            result.othersBeforeCores = busy;
            if (busy <= quietCores) {
                return;
            }
            if (System.nanoTime() > deadline) {
                result.note = String.format("machine busy (%.2f cores used by others) after waiting %d s", busy,
                        maxWaitSeconds);
                return;
            }
            System.err.printf("intakebench: others use %.2f cores (load %.2f); waiting%n", busy, result.load1);
            Thread.sleep(5_000);
        }
    }

    static double load1() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    /** Cores busy on the whole machine over the interval, from /proc/stat (nothing of ours runs then). */
    static double busyCores(Duration interval) throws Exception {
        long[] a = procStat();
        Thread.sleep(interval.toMillis());
        long[] b = procStat();
        double total = b[0] - a[0];
        return total <= 0 ? 0 : (b[1] - a[1]) / total * CPUS;
    }

    /** {total jiffies, busy jiffies} over all CPUs. */
    static long[] procStat() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
        long total = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total, total - idle};
    }

    // ---------------------------------------------------------------- servers

    interface Db {
        long count(String sql) throws Exception;

        /** Journal rows the consumer has processed (up to and including its cursor). */
        default long processed() throws Exception {
            return count("SELECT COUNT(*) FROM intake_journal WHERE id <= COALESCE("
                    + "(SELECT position FROM intake_cursor WHERE consumer = 'alerts'), '')");
        }
    }

    record Server(Process process, int port, Db db, Runnable cleanup) {
        void stop() throws Exception {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            cleanup.run();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String javaOpts(Path dir) {
        String base = System.getenv().getOrDefault("FIREWATCH_JAVA_OPTS", "-Xmx384m");
        if (!profile) {
            return base;
        }
        // Records from the start, in memory; dumped with jcmd JFR.dump at the end of the measured window, and
        // only the events inside the window are summarized.
        return base + " -XX:StartFlightRecording=name=bench,settings=profile,maxage=10m";
    }

    static Server startFirewatch(Scenario scenario, Path dir) throws Exception {
        String storeUrl = "";
        String pgName = null;
        if (scenario.store().equals("postgresql")) {
            pgName = "firewatch_intakebench_" + ProcessHandle.current().pid() + "_" + dir.getFileName().toString()
                    .replaceAll("[^a-z0-9]", "_");
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
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder("bin/firewatch", "serve", "--config", config.toString(), "--data",
                dir.resolve("data").toString(), "--port", Integer.toString(port));
        builder.environment().put("FIREWATCH_ADMIN_PASSWORD", "bench-admin-password");
        builder.environment().put("FIREWATCH_JAVA_OPTS", javaOpts(dir));
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile());
        Process process = builder.start();
        waitReady(process, "http://127.0.0.1:" + port + "/readyz", dir);
        String jdbc = pgName != null ? storeUrl : "jdbc:sqlite:" + dir.resolve("data/firewatch.db");
        boolean sqlite = pgName == null;
        Db db = sql -> {
            try (Connection c = DriverManager.getConnection(jdbc);
                    Statement s = c.createStatement()) {
                if (sqlite) {
                    // On SQLite the journal is a file of its own; attached, queries see both as one.
                    s.execute("ATTACH DATABASE '" + dir.resolve("data/journal.db").toAbsolutePath() + "' AS journal");
                }
                ResultSet rs = s.executeQuery(sql);
                rs.next();
                return rs.getLong(1);
            }
        };
        String dropName = pgName;
        return new Server(process, port, db, () -> {
            if (dropName != null) {
                try (Connection c = DriverManager.getConnection(ADMIN_PG)) {
                    c.createStatement().execute("DROP DATABASE IF EXISTS " + dropName + " WITH (FORCE)");
                } catch (Exception e) {
                    System.err.println("intakebench: could not drop " + dropName + ": " + e.getMessage());
                }
            }
        });
    }

    static Server startAlertmanager(Path dir) throws Exception {
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: blackhole
                receivers:
                  - name: blackhole
                """);
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(ALERTMANAGER, "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=", "--log.level=warn");
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile());
        Process process = builder.start();
        waitReady(process, "http://127.0.0.1:" + port + "/-/ready", dir);
        return new Server(process, port, null, () -> {});
    }

    static void waitReady(Process process, String url, Path dir) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited; see the log in " + dir);
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("not ready after 60 s; see the log in " + dir);
    }

    // ---------------------------------------------------------------- wrk

    record Wrk(long pid, long requests, long non2xx, long socketErrors, double seconds, double p50Ms, double p90Ms,
            double p99Ms, double p999Ms, double maxMs) {}

    static final Pattern FIELD = Pattern.compile("(\\w+)=(\\d+)");

    static Wrk wrk(String url, Scenario scenario, String tag, int seconds, Path output) throws Exception {
        return wrk(url, scenario, tag, seconds, output, pid -> {});
    }

    /** Runs wrk for {@code seconds}; {@code during} runs on this thread while wrk does, given wrk's pid. */
    static Wrk wrk(String url, Scenario scenario, String tag, int seconds, Path output,
            java.util.function.LongConsumer during) throws Exception {
        List<String> command = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "-s", "bench/intake.lua", url, "--", scenario.luaMode(), tag,
                Integer.toString(scenario.batch()), Integer.toString(repeatKeys));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        during.accept(process.pid());
        if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk did not finish; see " + output);
        }
        String text = Files.readString(output);
        String line = text.lines().filter(l -> l.startsWith("WRK-RESULT")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result from wrk; see " + output));
        Map<String, Long> f = new HashMap<>();
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
            f.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return new Wrk(process.pid(), f.get("requests"), f.get("status"),
                f.get("connect") + f.get("read") + f.get("write") + f.get("timeout"), f.get("duration_us") / 1e6,
                f.get("p50_us") / 1e3, f.get("p90_us") / 1e3, f.get("p99_us") / 1e3, f.get("p999_us") / 1e3,
                f.get("max_us") / 1e3);
    }

    // ---------------------------------------------------------------- RSS and CPU

    static final class RssSampler implements Runnable {
        final long pid;
        final AtomicLong peakKb = new AtomicLong();
        final AtomicLong lastKb = new AtomicLong();
        volatile boolean running = true;

        RssSampler(long pid) {
            this.pid = pid;
        }

        void stop() {
            running = false;
            sample();
        }

        void sample() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        long kb = Long.parseLong(line.replaceAll("\\D", ""));
                        lastKb.set(kb);
                        peakKb.accumulateAndGet(kb, Math::max);
                    }
                }
            } catch (IOException gone) {
                // the process ended
            }
        }

        @Override
        public void run() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(measure + 60L);
            while (running && System.nanoTime() < deadline) {
                sample();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** CPU ticks of the machine, of every process (by pid) and of every thread of the server. */
    record CpuSnapshot(long[] machine, Map<Long, Long> processTicks, Map<Long, String> processNames,
            Map<Long, Long> threadTicks, Map<Long, String> threadNames) {
        static CpuSnapshot take(long serverPid) throws IOException {
            Map<Long, Long> ticks = new HashMap<>();
            Map<Long, String> names = new HashMap<>();
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path p : dirs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    readStat(p.resolve("stat"), Long.parseLong(p.getFileName().toString()), ticks, names);
                }
            }
            Map<Long, Long> threadTicks = new HashMap<>();
            Map<Long, String> threadNames = new HashMap<>();
            try (var dirs = Files.list(Path.of("/proc/" + serverPid + "/task"))) {
                for (Path t : dirs.toList()) {
                    readStat(t.resolve("stat"), Long.parseLong(t.getFileName().toString()), threadTicks, threadNames);
                }
            } catch (IOException gone) {
                // the server ended
            }
            return new CpuSnapshot(procStat(), ticks, names, threadTicks, threadNames);
        }

        static void readStat(Path stat, long id, Map<Long, Long> ticks, Map<Long, String> names) {
            try {
                String s = Files.readString(stat);
                int open = s.indexOf('(');
                int close = s.lastIndexOf(')');
                String[] rest = s.substring(close + 2).split(" ");
                // fields after the name: state(0) ... utime(11) stime(12)
                ticks.put(id, Long.parseLong(rest[11]) + Long.parseLong(rest[12]));
                names.put(id, s.substring(open + 1, close));
            } catch (IOException | RuntimeException gone) {
                // exited between listing and reading
            }
        }
    }

    static void cpuSplit(Result result, CpuSnapshot a, CpuSnapshot b, long serverPid, long wrkPid) {
        double wall = (b.machine()[0] - a.machine()[0]) / (double) CPUS; // jiffies per CPU over the window
        double busy = b.machine()[1] - a.machine()[1];
        Map<String, Double> groups = new LinkedHashMap<>();
        groups.put("server", 0.0);
        groups.put("wrk", 0.0);
        groups.put("postgres", 0.0);
        double attributed = 0;
        for (var e : b.processTicks().entrySet()) {
            long pid = e.getKey();
            long delta = e.getValue() - a.processTicks().getOrDefault(pid, 0L);
            if (delta <= 0) {
                continue;
            }
            String name = b.processNames().getOrDefault(pid, "?");
            String group = pid == serverPid ? "server" : pid == wrkPid ? "wrk" : name.equals("postgres") ? "postgres"
                    : null;
            if (group != null) {
                groups.merge(group, (double) delta, Double::sum);
                attributed += delta;
            }
        }
        groups.put("others", Math.max(0, busy - attributed));
        groups.put("idle", Math.max(0, wall * CPUS - busy));
        groups.replaceAll((k, v) -> v / wall);
        result.cores = groups;
        Map<String, Double> byThread = new HashMap<>();
        for (var e : b.threadTicks().entrySet()) {
            long delta = e.getValue() - a.threadTicks().getOrDefault(e.getKey(), 0L);
            String name = b.threadNames().get(e.getKey()).replaceAll("\\d+", "#");
            byThread.merge(name, delta / wall, Double::sum);
        }
        result.threadCores = byThread;
        result.topThreads = byThread.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(5)
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .toList();
    }

    // ---------------------------------------------------------------- JFR

    /** Summarizes the events of the recording that fall in the measured window. */
    static String summarizeJfr(Path file, java.time.Instant from, java.time.Instant to) throws IOException {
        Map<String, Integer> byThread = new HashMap<>();
        Map<String, Integer> topFrames = new HashMap<>();
        Map<String, Integer> inclusiveOurs = new HashMap<>();
        Map<String, Map<String, Integer>> perThreadTop = new HashMap<>();
        Map<String, Integer> nativeByThread = new HashMap<>();
        Map<String, Integer> nativeTop = new HashMap<>();
        Map<String, Integer> waitMillis = new HashMap<>();
        int samples = 0;
        int nativeSamples = 0;
        long gcPauseNanos = 0;
        int gcs = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                continue;
            }
            if (type.equals("jdk.GarbageCollection")) {
                gcs++;
                gcPauseNanos += event.getDuration("sumOfPauses").toNanos();
                continue;
            }
            if (type.equals("jdk.ThreadPark") || type.equals("jdk.JavaMonitorEnter")
                    || type.equals("jdk.JavaMonitorWait")) {
                var waiter = event.getThread();
                RecordedStackTrace waitStack = event.getStackTrace();
                if (waiter == null || waitStack == null) {
                    continue;
                }
                String where = waitStack.getFrames().stream()
                        .map(IntakeBench::frame)
                        .filter(f -> !f.startsWith("java.") && !f.startsWith("jdk.") && !f.startsWith("sun."))
                        .findFirst()
                        .orElse("?");
                String who = waiter.isVirtual() ? "virtual (request handlers)"
                        : String.valueOf(waiter.getJavaName()).replaceAll("\\d+", "#");
                waitMillis.merge(who + " waits in " + where, (int) event.getDuration().toMillis(), Integer::sum);
                continue;
            }
            boolean execution = type.equals("jdk.ExecutionSample");
            if (!execution && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            var thread = event.getThread(execution ? "sampledThread" : "sampledThread");
            String threadName = thread == null ? "?" : thread.getJavaName() == null ? "?" : thread.getJavaName();
            if (thread != null && thread.isVirtual()) {
                threadName = "virtual (request handlers)";
            }
            threadName = threadName.replaceAll("\\d+", "#");
            String top = frame(stack.getFrames().getFirst());
            if (execution) {
                samples++;
                byThread.merge(threadName, 1, Integer::sum);
                topFrames.merge(top, 1, Integer::sum);
                perThreadTop.computeIfAbsent(threadName, k -> new HashMap<>()).merge(top, 1, Integer::sum);
                stack.getFrames().stream()
                        .map(IntakeBench::frame)
                        .filter(f -> f.startsWith("dev.firewatch") || f.startsWith("org.sqlite")
                                || f.startsWith("org.postgresql") || f.startsWith("org.jdbi")
                                || f.startsWith("com.fasterxml") || f.startsWith("org.eclipse.jetty"))
                        .distinct()
                        .forEach(f -> inclusiveOurs.merge(f, 1, Integer::sum));
            } else {
                nativeSamples++;
                nativeByThread.merge(threadName, 1, Integer::sum);
                nativeTop.merge(threadName + " in " + top, 1, Integer::sum);
            }
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format("JFR %s, %s to %s: %d execution samples, %d native-method samples; %d GCs, %.0f ms paused%n",
                file, from, to, samples, nativeSamples, gcs, gcPauseNanos / 1e6));
        s.append(section("Java execution samples by thread", byThread, samples, 8));
        s.append(section("Top frames (self), all threads", topFrames, samples, 15));
        s.append(section("Inclusive (on the stack), Firewatch, Jetty, JDBI, Jackson and driver methods",
                inclusiveOurs, samples, 25));
        for (String t : byThread.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(3).map(Map.Entry::getKey).toList()) {
            s.append(section("Top frames of " + t, perThreadTop.get(t), byThread.get(t), 8));
        }
        s.append(section("Native-method samples (threads in native code, e.g. SQLite, fsync, sockets) by thread",
                nativeByThread, nativeSamples, 8));
        s.append(section("Native-method samples by thread and top frame", nativeTop, nativeSamples, 10));
        s.append("\nWaiting (park, monitor) of 10 ms or more (the profile setting threshold), total ms by thread and the first non-JDK frame:\n");
        waitMillis.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(10)
                .forEach(e -> s.append(String.format(Locale.ROOT, "  %8d ms  %s%n", e.getValue(), e.getKey())));
        return s.toString();
    }

    static String frame(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    static String section(String title, Map<String, Integer> counts, int total, int limit) {
        StringBuilder s = new StringBuilder("\n" + title + ":\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> s.append(String.format(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / total,
                        e.getKey())));
        return s.toString();
    }

    // ---------------------------------------------------------------- report

    static String line(Result r) {
        return String.format(Locale.ROOT,
                "%s %s run %d: %,.0f events/s, p50 %.1f ms, p99 %.1f ms, peak RSS %d MB, errors %d, cores %s,"
                        + " threads %s%s",
                r.scenario.name(), r.scenario.store(), r.run, r.eventsPerSecond, r.p50Ms, r.p99Ms,
                r.peakRssKb / 1024, r.non2xx + r.socketErrors, coresText(r), r.topThreads,
                r.scenario.firewatch() ? String.format(Locale.ROOT,
                        ", journal %,d rows for %,d acknowledged, consumer %,.0f rows/s, backlog %,d at end",
                        r.journalRows, r.acknowledgedEvents, r.consumerPerSecond(),
                        r.journalRows - r.processedAfter) : "");
    }

    static String coresText(Result r) {
        return r.cores.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    static String report(List<Result> results) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append(String.format("Intake benchmark, %s; wrk -t%d -c%d, %d s warm-up + %d s measured per scenario,"
                        + " fresh server and store per scenario; %d CPUs shared by server and generator.%n",
                LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16), threads,
                connections, warmup, measure, CPUS));
        s.append(String.format("Firewatch JVM options: %s%n", javaOpts(Path.of("<dir>"))));
        Map<String, List<Result>> byScenario = new LinkedHashMap<>();
        for (Result r : results) {
            byScenario.computeIfAbsent(r.scenario.name() + " " + r.scenario.store(), k -> new ArrayList<>()).add(r);
        }
        for (var e : byScenario.entrySet()) {
            Scenario sc = e.getValue().getFirst().scenario;
            s.append(String.format("%n### %s%s: %s, %d event%s per request%n%n", sc.name(),
                    sc.firewatch() ? " (" + sc.store() + ")" : "", sc.path(), sc.batch(), sc.batch() == 1 ? "" : "s"));
            s.append("| run | events/s | requests/s | p50 ms | p90 ms | p99 ms | max ms | peak RSS MB | errors |"
                    + " cores: server / wrk / postgres / others / idle | server CPU µs per event |"
                    + " busiest server threads (cores) |"
                    + (sc.firewatch() ? " journal rows / acknowledged | consumer rows/s | consumer CPU µs per row | backlog at end |" : "")
                    + " load before | note |\n");
            s.append("|---|---|---|---|---|---|---|---|---|---|---|---|" + (sc.firewatch() ? "---|---|---|---|" : "")
                    + "---|---|\n");
            for (Result r : e.getValue()) {
                s.append(String.format(Locale.ROOT,
                        "| %d | %,.0f | %,.0f | %.1f | %.1f | %.1f | %.0f | %d | %d | %s | %.0f | %s |%s %.2f (others %.2f cores) | %s |%n",
                        r.run, r.eventsPerSecond, r.requests / r.seconds, r.p50Ms, r.p90Ms, r.p99Ms, r.maxMs,
                        r.peakRssKb / 1024, r.non2xx + r.socketErrors,
                        r.cores.values().stream().map(v -> String.format(Locale.ROOT, "%.2f", v))
                                .collect(Collectors.joining(" / ")),
                        r.eventsPerSecond == 0 ? 0 : r.cores.get("server") / r.eventsPerSecond * 1e6,
                        String.join(", ", r.topThreads),
                        sc.firewatch() ? String.format(Locale.ROOT, " %,d / %,d | %,.0f | %.0f | %,d |", r.journalRows,
                                r.acknowledgedEvents, r.consumerPerSecond(),
                                r.consumerPerSecond() <= 0 ? 0
                                        : r.threadCores.getOrDefault("journal-consume", 0.0) / r.consumerPerSecond()
                                                * 1e6,
                                r.journalRows - r.processedAfter) : "",
                        r.load1, r.othersBeforeCores, r.note));
            }
        }
        s.append("\n### Firewatch / Alertmanager, same run\n\n");
        s.append("| run | store | one per request: events/s ratio | p99 FW / AM ms | 100 per request: events/s ratio |"
                + " p99 FW / AM ms | peak RSS FW / AM MB (batch) |\n|---|---|---|---|---|---|---|\n");
        for (int run = 1; run <= runs; run++) {
            Result amSingle = find(results, "am-single", "-", run);
            Result amBatch = find(results, "am-batch", "-", run);
            for (String store : stores) {
                Result single = find(results, "fw-v2-distinct", store, run);
                Result batch = find(results, "fw-am-batch", store, run);
                s.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s |%n", run, store,
                        ratio(single, amSingle), p99s(single, amSingle), ratio(batch, amBatch), p99s(batch, amBatch),
                        batch == null || amBatch == null ? "-"
                                : (batch.peakRssKb / 1024) + " / " + (amBatch.peakRssKb / 1024)));
            }
        }
        s.append("\n### Targets (issue 3, SQLite)\n\n");
        for (Result r : results) {
            if (!r.scenario.firewatch() || !r.scenario.store().equals("sqlite")) {
                continue;
            }
            boolean batch = r.scenario.batch() > 1;
            double rate = batch ? 50_000 : 20_000;
            double p99 = batch ? 250 : 50;
            boolean rateMet = r.eventsPerSecond >= rate;
            boolean p99Met = r.p99Ms < p99;
            boolean rssMet = !batch || r.peakRssKb < 512 * 1024;
            s.append(String.format(Locale.ROOT, "- %s run %d: %,.0f events/s (target %,.0f: %s), p99 %.1f ms (target"
                            + " < %.0f: %s)%s%n", r.scenario.name(), r.run, r.eventsPerSecond, rate,
                    rateMet ? "met" : "NOT met", r.p99Ms, p99, p99Met ? "met" : "NOT met",
                    batch ? String.format(Locale.ROOT, ", peak RSS %d MB (target < 512: %s)", r.peakRssKb / 1024,
                            rssMet ? "met" : "NOT met") : ""));
        }
        return s.toString();
    }

    static Result find(List<Result> results, String name, String store, int run) {
        return results.stream().filter(r -> r.scenario.name().equals(name) && r.scenario.store().equals(store)
                && r.run == run).findFirst().orElse(null);
    }

    static String ratio(Result fw, Result am) {
        return fw == null || am == null || am.eventsPerSecond == 0 ? "-"
                : String.format(Locale.ROOT, "%,.0f / %,.0f = %.2f", fw.eventsPerSecond, am.eventsPerSecond,
                        fw.eventsPerSecond / am.eventsPerSecond);
    }

    static String p99s(Result fw, Result am) {
        return fw == null || am == null ? "-" : String.format(Locale.ROOT, "%.1f / %.1f", fw.p99Ms, am.p99Ms);
    }
}
