import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Probe scheduling (issue 5): many HTTP monitors against local targets for minutes, with the scheduling lag p99,
 * the server's CPU and RSS and the store's growth; then the highest probe rate Firewatch sustains; and the Debian
 * prometheus-blackbox-exporter driven by wrk against the same targets in the same run, as the anchor.
 *
 * <p>The targets are one nginx on ten loopback addresses (127.0.0.11 to 127.0.0.20, one port), answering 200 "ok"
 * to any path, so a monitor's host is one of ten and the per-host bound is exercised as it would be against ten
 * services. Run through bench/probes.sh, which builds the jar first.
 */
public class ProbeBench {
    static final int CPUS = Runtime.getRuntime().availableProcessors();
    static final int HOSTS = 10;
    static final String EXPORTER = "/usr/bin/prometheus-blackbox-exporter";

    static int monitors = 10_000;
    static Duration interval = Duration.ofSeconds(10);
    static int seconds = 300;
    static List<Duration> peakIntervals = List.of(Duration.ofSeconds(5), Duration.ofMillis(2500), Duration.ofSeconds(1));
    static int peakSeconds = 60;
    static int wrkSeconds = 30;
    static int connections = 32;
    static int maxWaitSeconds = 120;
    static double quietCores = 0.3;
    static boolean skipExporter;
    static boolean skipPeak;
    static boolean skipFirewatch;

    public static void main(String[] args) throws Exception {
        parse(args);
        Path work = Files.createTempDirectory("probebench-");
        System.err.println("probebench: work directory " + work);
        Nginx nginx = Nginx.start(work.resolve("nginx"));
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "Probe bench, %s, %d CPUs, targets: nginx on %d loopback addresses",
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), CPUS, HOSTS));
        System.out.println(report.getFirst());
        try {
            if (!skipFirewatch) {
                waitForQuiet("the steady run");
                Steady steady = steady(work.resolve("steady"), nginx, interval, seconds, Duration.ofSeconds(20));
                report.add(steady.line("steady"));
                System.out.println(report.getLast());
            }
            if (!skipPeak && !skipFirewatch) {
                for (Duration step : peakIntervals) {
                    waitForQuiet("the peak step at " + step);
                    Steady peak = steady(work.resolve("peak-" + step.toMillis()), nginx, step, peakSeconds,
                            Duration.ofSeconds(15));
                    report.add(peak.line("peak step"));
                    System.out.println(report.getLast());
                }
            }
            if (!skipExporter) {
                waitForQuiet("the blackbox exporter");
                report.add(exporter(work.resolve("exporter"), nginx));
                System.out.println(report.getLast());
            }
        } finally {
            nginx.stop();
        }
        System.out.println();
        report.forEach(System.out::println);
    }

    static void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--monitors" -> { monitors = Integer.parseInt(value); i++; }
                case "--interval" -> { interval = duration(value); i++; }
                case "--seconds" -> { seconds = Integer.parseInt(value); i++; }
                case "--peak-intervals" -> {
                    peakIntervals = Stream.of(value.split(",")).map(ProbeBench::duration).toList();
                    i++;
                }
                case "--peak-seconds" -> { peakSeconds = Integer.parseInt(value); i++; }
                case "--wrk-seconds" -> { wrkSeconds = Integer.parseInt(value); i++; }
                case "--connections" -> { connections = Integer.parseInt(value); i++; }
                case "--max-wait" -> { maxWaitSeconds = Integer.parseInt(value); i++; }
                case "--no-exporter" -> skipExporter = true;
                case "--no-peak" -> skipPeak = true;
                case "--no-firewatch" -> skipFirewatch = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; see bench/probes.sh for the options");
            }
        }
    }

    static Duration duration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
        }
        throw new IllegalArgumentException("expected a duration like 10s or 2500ms, found " + text);
    }

    // ---------------------------------------------------------------- the targets

    record Nginx(Process process, int port) {
        static Nginx start(Path dir) throws Exception {
            Files.createDirectories(dir.resolve("logs"));
            int port = freePort();
            StringBuilder listens = new StringBuilder();
            for (int h = 0; h < HOSTS; h++) {
                listens.append("    listen ").append(host(h)).append(':').append(port).append(" backlog=4096;\n");
            }
            Files.writeString(dir.resolve("nginx.conf"), """
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/logs/error.log warn;
                    events { worker_connections 8192; }
                    http {
                      access_log off;
                      keepalive_requests 100000;
                      client_body_temp_path %1$s/body;
                      proxy_temp_path %1$s/proxy;
                      fastcgi_temp_path %1$s/fastcgi;
                      uwsgi_temp_path %1$s/uwsgi;
                      scgi_temp_path %1$s/scgi;
                      server {
                    %2$s    location / { default_type text/plain; return 200 'ok'; }
                      }
                    }
                    """.formatted(dir, listens));
            Process process = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                            "-g", "daemon off;")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("logs/stdout.log").toFile())
                    .start();
            Nginx nginx = new Nginx(process, port);
            waitReady(process, "http://" + host(0) + ":" + port + "/ready", dir);
            return nginx;
        }

        String url(int monitor) {
            return "http://" + host(monitor % HOSTS) + ":" + port + "/t/" + monitor;
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        static String host(int h) {
            return "127.0.0." + (11 + h);
        }
    }

    // ---------------------------------------------------------------- Firewatch

    /** What one run of Firewatch with {@code monitors} monitors at one interval did over its window. */
    record Steady(
            Duration interval,
            int seconds,
            double planned,
            double checksPerSecond,
            double failedPerSecond,
            double lagP50,
            double lagP99,
            double lagMax,
            double serverCores,
            double othersCores,
            long rssMaxKb,
            double storeGrowthMbPerHour,
            long storeBytesAtEnd,
            double load1) {
        String line(String label) {
            return String.format(Locale.ROOT,
                    "firewatch %s: %d monitors every %s for %d s: planned %.0f checks/s, done %.0f/s (%.1f failed/s);"
                            + " scheduling lag p50 %s, p99 %s, max %s; server %.2f cores (others %.2f); RSS max %d MB;"
                            + " store %.1f MB at the end, growing %.1f MB/h; load before %.2f",
                    label, monitors, human(interval), seconds, planned, checksPerSecond, failedPerSecond, ms(lagP50),
                    ms(lagP99), ms(lagMax), serverCores, othersCores, rssMaxKb / 1024, storeBytesAtEnd / 1e6,
                    storeGrowthMbPerHour, load1);
        }
    }

    static Steady steady(Path dir, Nginx nginx, Duration every, int windowSeconds, Duration warmup) throws Exception {
        Files.createDirectories(dir);
        Path config = dir.resolve("firewatch.yaml");
        StringBuilder yaml = new StringBuilder("""
                server:
                  host: 127.0.0.1
                users:
                  - name: admin
                    role: admin
                services:
                  - {name: bench, integration_key: bench-key}
                monitors:
                """);
        for (int m = 0; m < monitors; m++) {
            yaml.append("  - {name: m").append(m).append(", service: bench, interval: ").append(every.toMillis())
                    .append("ms, timeout: ").append(Math.min(5000, every.toMillis() / 2))
                    .append("ms, http: {url: \"").append(nginx.url(m))
                    .append("\"}, conditions: [\"[STATUS] == 200\"]}\n");
        }
        Files.writeString(config, yaml);
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder("bin/firewatch", "serve", "--config", config.toString(), "--data",
                dir.resolve("data").toString(), "--port", Integer.toString(port));
        builder.environment().put("FIREWATCH_ADMIN_PASSWORD", "probe-bench-admin-password");
        builder.environment().putIfAbsent("FIREWATCH_JAVA_OPTS", "-Xmx384m");
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile());
        System.err.printf("probebench: Firewatch with %d monitors every %s (log %s)%n", monitors, human(every),
                dir.resolve("serve.log"));
        Process process = builder.start();
        try {
            String base = "http://127.0.0.1:" + port;
            waitReady(process, base + "/readyz", dir);
            Thread.sleep(warmup.toMillis() + every.toMillis());
            Path data = dir.resolve("data");
            String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            Metrics before = Metrics.scrape(base);
            long[] cpuBefore = Cpu.snapshot(process.pid());
            long storeBefore = size(data);
            long rssMax = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(windowSeconds);
            int tick = 0;
            while (System.nanoTime() < end) {
                Thread.sleep(1000);
                rssMax = Math.max(rssMax, Cpu.rssKb(process.pid()));
                if (++tick % 30 == 0) {
                    System.err.printf("probebench: %d of %d s%n", tick, windowSeconds);
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("Firewatch exited; see " + dir.resolve("serve.log"));
                }
            }
            long[] cpuAfter = Cpu.snapshot(process.pid());
            Metrics after = Metrics.scrape(base);
            long storeAfter = size(data);
            double elapsed = windowSeconds;
            double[] lag = after.lagQuantiles(before);
            double perCore = Math.max(1, cpuAfter[0] - cpuBefore[0]) / (double) CPUS;
            double server = (cpuAfter[2] - cpuBefore[2]) / perCore;
            double busy = (cpuAfter[1] - cpuBefore[1]) / perCore;
            return new Steady(
                    every,
                    windowSeconds,
                    monitors / (every.toMillis() / 1000.0),
                    (after.checks() - before.checks()) / elapsed,
                    (after.failedChecks() - before.failedChecks()) / elapsed,
                    lag[0],
                    lag[1],
                    lag[2],
                    server,
                    Math.max(0, busy - server),
                    rssMax,
                    (storeAfter - storeBefore) / 1e6 / elapsed * 3600,
                    storeAfter,
                    Double.parseDouble(load));
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Counters and the scheduling-lag histogram from one scrape of /metrics. */
    record Metrics(Map<String, Double> samples) {
        static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)");
        static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
        static final Pattern QUANTILE = Pattern.compile("quantile=\"([^\"]+)\"");

        static Metrics scrape(String base) throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            String text = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Map<String, Double> samples = new TreeMap<>();
            for (String line : text.split("\n")) {
                Matcher m = LINE.matcher(line);
                if (!line.startsWith("#") && m.find()) {
                    String key = m.group(1) + (m.group(2) == null ? "" : m.group(2));
                    samples.merge(key, Double.parseDouble(m.group(3)), Double::sum);
                }
            }
            return new Metrics(samples);
        }

        double sum(String name, String labelPart) {
            return samples.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(name) && (e.getKey().length() == name.length()
                            || e.getKey().charAt(name.length()) == '{'))
                    .filter(e -> labelPart == null || e.getKey().contains(labelPart))
                    .mapToDouble(Map.Entry::getValue)
                    .sum();
        }

        double checks() {
            return sum("firewatch_probe_checks_total", null);
        }

        double failedChecks() {
            return sum("firewatch_probe_checks_total", "fail");
        }

        /** p50, p99 and max of the lag in seconds over the window between two scrapes. */
        double[] lagQuantiles(Metrics before) {
            String name = "firewatch_probe_schedule_lag_seconds";
            TreeMap<Double, Double> buckets = new TreeMap<>();
            samples.forEach((key, value) -> {
                if (key.startsWith(name + "_bucket")) {
                    Matcher le = LE.matcher(key);
                    if (le.find()) {
                        double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                        double was = before.samples.getOrDefault(key, 0.0);
                        buckets.merge(bound, value - was, Double::sum);
                    }
                }
            });
            double max = sum(name + "_max", null);
            if (!buckets.isEmpty()) {
                double total = buckets.lastEntry().getValue();
                return new double[] {bucketQuantile(buckets, total, 0.50), bucketQuantile(buckets, total, 0.99), max};
            }
            double p50 = Double.NaN;
            double p99 = Double.NaN;
            for (var e : samples.entrySet()) {
                Matcher q = QUANTILE.matcher(e.getKey());
                if (e.getKey().startsWith(name) && q.find()) {
                    if (q.group(1).equals("0.5")) {
                        p50 = e.getValue();
                    } else if (q.group(1).equals("0.99")) {
                        p99 = e.getValue();
                    }
                }
            }
            return new double[] {p50, p99, max};
        }

        /** The upper bound of the bucket the quantile falls in: a histogram cannot say more. */
        static double bucketQuantile(TreeMap<Double, Double> cumulative, double total, double q) {
            if (total <= 0) {
                return Double.NaN;
            }
            for (var e : cumulative.entrySet()) {
                if (e.getValue() >= q * total) {
                    return e.getKey();
                }
            }
            return Double.POSITIVE_INFINITY;
        }
    }

    // ---------------------------------------------------------------- the anchor: blackbox exporter driven by wrk

    static String exporter(Path dir, Nginx nginx) throws Exception {
        Files.createDirectories(dir);
        Path config = dir.resolve("blackbox.yml");
        Files.writeString(config, """
                modules:
                  http_2xx:
                    prober: http
                    timeout: 5s
                    http:
                      preferred_ip_protocol: ip4
                      valid_status_codes: [200]
                """);
        int port = freePort();
        Process process = new ProcessBuilder(EXPORTER, "--config.file=" + config,
                        "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("exporter.log").toFile())
                .start();
        try {
            waitReady(process, "http://127.0.0.1:" + port + "/-/healthy", dir);
            // Each request probes the next monitor's target, as Prometheus would scrape 10,000 probe targets.
            Path script = dir.resolve("probe.lua");
            Files.writeString(script, """
                    local n = 0
                    request = function()
                      n = n + 1
                      local m = n %% %1$d
                      local host = "127.0.0." .. (11 + (m %% %2$d))
                      return wrk.format("GET", "/probe?module=http_2xx&target=http://" .. host .. ":%3$d/t/" .. m)
                    end
                    """.formatted(monitors, HOSTS, nginx.port()));
            HttpClient http = HttpClient.newHttpClient();
            String sample = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                    + "/probe?module=http_2xx&target=" + nginx.url(1)))
                            .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            if (!sample.contains("probe_success 1")) {
                throw new IllegalStateException("the exporter's probe did not succeed: " + sample);
            }
            String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            long[] cpuBefore = Cpu.snapshot(process.pid());
            Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + wrkSeconds + "s", "--latency",
                            "-s", script.toString(), "http://127.0.0.1:" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("wrk.txt").toFile())
                    .start();
            long rssMax = 0;
            while (!wrk.waitFor(1, TimeUnit.SECONDS)) {
                rssMax = Math.max(rssMax, Cpu.rssKb(process.pid()));
            }
            long[] cpuAfter = Cpu.snapshot(process.pid());
            String out = Files.readString(dir.resolve("wrk.txt"));
            double perCore = Math.max(1, cpuAfter[0] - cpuBefore[0]) / (double) CPUS;
            return String.format(Locale.ROOT,
                    "blackbox exporter 0.23 (wrk -t2 -c%d, %d s): %s probes/s, latency p50 %s, p99 %s; exporter"
                            + " %.2f cores; RSS max %d MB; non-2xx %s; load before %s",
                    connections, wrkSeconds, find(out, "Requests/sec:\\s+(\\S+)"), find(out, "\\s50%\\s+(\\S+)"),
                    find(out, "\\s99%\\s+(\\S+)"), (cpuAfter[2] - cpuBefore[2]) / perCore, rssMax / 1024,
                    find(out, "Non-2xx or 3xx responses:\\s+(\\d+)").replace("?", "0"), load);
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "?";
    }

    // ---------------------------------------------------------------- plumbing

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void waitReady(Process process, String url, Path dir) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the process exited; see the logs in " + dir);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not ready after 90 s; see the logs in " + dir);
    }

    static void waitForQuiet(String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxWaitSeconds);
        while (true) {
            long[] a = Cpu.machine();
            Thread.sleep(3000);
            long[] b = Cpu.machine();
            double busy = (b[1] - a[1]) / (double) Math.max(1, b[0] - a[0]) * CPUS;
            if (busy <= quietCores) {
                return;
            }
            if (System.nanoTime() > deadline) {
                System.err.printf("probebench: the machine is busy (%.2f cores) before %s; measuring anyway%n", busy,
                        what);
                return;
            }
            System.err.printf("probebench: others use %.2f cores before %s; waiting%n", busy, what);
            Thread.sleep(5000);
        }
    }

    static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    static final class Cpu {
        /** {machine total, machine busy, process} in ticks. */
        static long[] snapshot(long pid) throws IOException {
            long[] machine = machine();
            return new long[] {machine[0], machine[1], processTicks(pid)};
        }

        static long[] machine() throws IOException {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total, total - idle};
        }

        /** utime + stime of the process and its children that ended (the launcher's java is a child). */
        static long processTicks(long pid) {
            long ticks = 0;
            for (long p : family(pid)) {
                try {
                    String text = Files.readString(Path.of("/proc/" + p + "/stat"));
                    String[] rest = text.substring(text.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
                } catch (IOException | RuntimeException gone) {
                    // ended
                }
            }
            return ticks;
        }

        static long rssKb(long pid) {
            long kb = 0;
            for (long p : family(pid)) {
                try {
                    for (String line : Files.readAllLines(Path.of("/proc/" + p + "/status"))) {
                        if (line.startsWith("VmRSS:")) {
                            kb += Long.parseLong(line.replaceAll("\\D", ""));
                        }
                    }
                } catch (IOException | RuntimeException gone) {
                    // ended
                }
            }
            return kb;
        }

        /** The process and its descendants: bin/firewatch is a bash launcher that runs java as its child. */
        static List<Long> family(long pid) {
            List<Long> out = new ArrayList<>();
            ProcessHandle.of(pid).ifPresent(h -> {
                out.add(h.pid());
                h.descendants().forEach(d -> out.add(d.pid()));
            });
            return out;
        }
    }

    static String ms(double seconds) {
        if (Double.isNaN(seconds)) {
            return "n/a";
        }
        if (Double.isInfinite(seconds)) {
            return "over the largest bucket";
        }
        return String.format(Locale.ROOT, "%.1f ms", seconds * 1000);
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
