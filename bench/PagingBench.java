import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Paging latency (issue 4): how long after a trigger was committed the person's webhook holds the page.
 *
 * <p>A webhook receiver runs inside this process (plain sockets on 127.0.0.1, a thread per connection) and
 * notes, by System.nanoTime, when each page's body has arrived, by the trigger's key found in it.
 * Firewatch runs as a real {@code bin/firewatch serve} whose one service's escalation policy pages a webhook
 * channel pointing at the receiver at once; each trigger ({@code POST /v2/enqueue}, a new {@code dedup_key}
 * each) opens its own incident, and Firewatch answers 202 only after the commit, so latency = page arrived −
 * 202 received, per incident. The anchor is the real Prometheus Alertmanager with {@code group_wait: 0s}, one
 * group per alert ({@code group_by: ['...']}) and a webhook receiver of the same kind: latency = webhook arrived
 * − {@code POST /api/v2/alerts} answered.
 *
 * <p>Per run and system, a fresh server and store: a warm-up (triggers one at a time, then a small burst), then
 * the two measured scenarios: one at a time (each trigger waits for its page, then a short gap) and a burst
 * (N triggers as fast as a number of concurrent connections allow). For Firewatch the store's own timestamps
 * then split each incident's latency into stages (intake, alert stages, incident bus, outbox and send).
 *
 * <p>Run through bench/paging.sh, which builds the jar first. Loopback only; every loop and wait is bounded.
 */
public class PagingBench {
    static final String ADMIN_PG = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    static final String ALERTMANAGER = "/usr/bin/prometheus-alertmanager";
    static final String SECRET = "bench";
    static final int CPUS = Runtime.getRuntime().availableProcessors();
    static final Pattern KEY = Pattern.compile("pbk-[A-Za-z0-9-]+");
    /** Converts System.nanoTime to epoch milliseconds, to line the bench's moments up with the store's. */
    static final double EPOCH_MS_AT_NANO_ZERO = System.currentTimeMillis() - System.nanoTime() / 1e6;

    // ---- options
    static int runs = 3;
    static List<String> systems = List.of("alertmanager", "sqlite", "postgresql");
    static int warmup = 100;
    static int warmupBurst = 200;
    static int sequential = 300;
    static int burst = 1000;
    static int connections = 32;
    static int gapMs = 50;
    static int pageTimeoutSeconds = 10;
    static int burstTimeoutSeconds = 120;
    static double quietCores = 0.5;
    static int maxWaitSeconds = 600;
    static boolean profile = false;
    static String command;
    static Path work;

    public static void main(String[] args) throws Exception {
        command = "bench/paging.sh" + (args.length == 0 ? "" : " " + String.join(" ", args));
        parse(args);
        work = Files.createTempDirectory("firewatch-pagingbench");
        System.err.printf("pagingbench: work directory %s%n", work);
        List<Result> results = new ArrayList<>();
        try (Receiver receiver = Receiver.start()) {
            System.err.printf("pagingbench: webhook receiver on %s%n", receiver.url());
            for (int run = 1; run <= runs; run++) {
                for (String system : systems) {
                    Result result = measure(system, run, receiver);
                    results.add(result);
                    System.err.println("  " + result.line());
                }
            }
        }
        String report = report(results);
        System.out.print(report);
        Files.writeString(work.resolve("report.md"), report);
        System.err.printf("pagingbench: report also in %s%n", work.resolve("report.md"));
    }

    static void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(value);
                case "--systems" -> systems = Arrays.stream(value.split(","))
                        .map(s -> s.equals("postgres") ? "postgresql" : s.equals("am") ? "alertmanager" : s)
                        .toList();
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--warmup-burst" -> warmupBurst = Integer.parseInt(value);
                case "--sequential" -> sequential = Integer.parseInt(value);
                case "--burst" -> burst = Integer.parseInt(value.replace("_", "").replace(",", ""));
                case "--connections" -> connections = Integer.parseInt(value);
                case "--gap-ms" -> gapMs = Integer.parseInt(value);
                case "--quiet-cores" -> quietCores = Double.parseDouble(value);
                case "--max-wait" -> maxWaitSeconds = Integer.parseInt(value);
                case "--profile" -> {
                    profile = true;
                    continue;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: --runs N"
                        + " --systems alertmanager,sqlite,postgresql --warmup N --warmup-burst N --sequential N"
                        + " --burst N --connections N --gap-ms MS --quiet-cores C --max-wait S --profile");
            }
            i++;
        }
        for (String s : systems) {
            if (!Set.of("alertmanager", "sqlite", "postgresql").contains(s)) {
                throw new IllegalArgumentException("--systems takes alertmanager, sqlite, postgresql; not " + s);
            }
        }
    }

    // ---------------------------------------------------------------- the receiver

    /** Pages received, by trigger key: the moment (System.nanoTime) the whole body was in. */
    static final class Pages {
        final Map<String, CompletableFuture<Long>> byKey = new ConcurrentHashMap<>();
        final AtomicInteger received = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicInteger badSignatures = new AtomicInteger();
        final AtomicInteger withoutKey = new AtomicInteger();
        /** Requests that asked to switch to HTTP/2 (h2c); the receiver answers in HTTP/1.1 regardless. */
        final AtomicInteger upgradeAsked = new AtomicInteger();
        /** The sender's connections (its address and port): a new one per page costs a TCP handshake. */
        final Set<String> connections = ConcurrentHashMap.newKeySet();
        final boolean signed;
        /** Signed pages, kept to be checked after the scenarios (see {@link #verify}). */
        final java.util.Queue<Wire.Message> toVerify = new java.util.concurrent.ConcurrentLinkedQueue<>();

        Pages(boolean signed) {
            this.signed = signed;
        }

        /** Checks every kept page's signature, counting those that do not hold. */
        void verify() {
            for (Wire.Message page = toVerify.poll(); page != null; page = toVerify.poll()) {
                if (!Receiver.signatureHolds(page)) {
                    badSignatures.incrementAndGet();
                }
            }
        }

        CompletableFuture<Long> of(String key) {
            return byKey.computeIfAbsent(key, k -> new CompletableFuture<>());
        }
    }

    /**
     * The webhook receiver: notes each page's arrival, answers 200 with no body.
     *
     * <p>Plain sockets and a thread per connection, not an HTTP server library: the benchmark shares the two
     * cores with the server it measures, and with com.sun.net.httpserver and Java's HttpClient the benchmark
     * itself took about 0.9 cores in a burst, as much as Firewatch. Signatures are checked after the scenarios,
     * from the headers and bodies kept, so that checking them costs nothing while the pages are timed.
     */
    record Receiver(ServerSocket server, ExecutorService handlers, Pages[] current) implements AutoCloseable {
        static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        static Receiver start() throws IOException {
            ServerSocket server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
            ExecutorService handlers = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());
            Pages[] current = {new Pages(false)};
            Thread.ofPlatform().daemon().name("receiver-accept").start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        socket.setTcpNoDelay(true);
                        handlers.execute(() -> serve(socket, current));
                    } catch (IOException | java.util.concurrent.RejectedExecutionException closed) {
                        return;
                    }
                }
            });
            return new Receiver(server, handlers, current);
        }

        /** Every request on one connection, until the sender closes it. */
        static void serve(Socket socket, Pages[] current) {
            try (socket) {
                Wire.In in = new Wire.In(socket.getInputStream());
                var out = socket.getOutputStream();
                String from = socket.getRemoteSocketAddress().toString();
                for (Wire.Message request = in.request(); request != null; request = in.request()) {
                    long arrived = System.nanoTime();
                    handle(request, arrived, from, current[0]);
                    out.write(OK);
                    out.flush();
                    if ("close".equalsIgnoreCase(request.headers().get("connection"))) {
                        return;
                    }
                }
            } catch (IOException gone) {
                // the sender closed the connection
            }
        }

        static void handle(Wire.Message request, long arrived, String from, Pages pages) {
            pages.received.incrementAndGet();
            pages.connections.add(from);
            if (request.headers().containsKey("upgrade")) {
                pages.upgradeAsked.incrementAndGet();
            }
            String text = new String(request.body(), StandardCharsets.UTF_8);
            Set<String> keys = new LinkedHashSet<>();
            Matcher m = KEY.matcher(text);
            while (m.find()) {
                keys.add(m.group());
            }
            if (keys.isEmpty()) {
                pages.withoutKey.incrementAndGet();
            }
            for (String key : keys) {
                if (!pages.of(key).complete(arrived)) {
                    pages.duplicates.incrementAndGet();
                }
            }
            if (pages.signed) {
                pages.toVerify.add(request);
            }
        }

        /** DESIGN §3.1: X-Firewatch-Signature = sha256=hex(HMAC-SHA256(secret, timestamp + "." + body)). */
        static boolean signatureHolds(Wire.Message request) {
            String timestamp = request.headers().get("x-firewatch-timestamp");
            String signature = request.headers().get("x-firewatch-signature");
            if (timestamp == null || signature == null) {
                return false;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
                String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body()));
                return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                        signature.getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                return false;
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
        }

        void listen(Pages pages) {
            current[0] = pages;
        }

        @Override
        public void close() throws IOException {
            server.close();
            handlers.shutdownNow();
        }
    }

    /**
     * The reading of HTTP/1.1 requests as little as the receiver needs, over plain blocking sockets: bodies come with
     * a Content-Length or chunked. (The triggers go out through Firewatch's own {@code notify.PostClient}, which
     * keeps a connection per sending thread alive and writes each request in one go.)
     */
    static final class Wire {
        private Wire() {}

        /** One HTTP/1.1 message: its first line, its headers (names in lower case) and its body. */
        record Message(String start, Map<String, String> headers, byte[] body) {}

        /** A buffered reader of messages off one socket. */
        static final class In {
            final InputStream source;
            final byte[] buffer = new byte[16 * 1024];
            int position, limit;

            In(InputStream source) {
                this.source = source;
            }

            /** The next request, or null at a clean end of the stream before one began. */
            Message request() throws IOException {
                String start = line();
                if (start == null) {
                    return null;
                }
                Map<String, String> headers = new HashMap<>();
                for (String h = line(); h != null && !h.isEmpty(); h = line()) {
                    int colon = h.indexOf(':');
                    if (colon > 0) {
                        headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
                    }
                }
                String length = headers.get("content-length");
                byte[] body;
                if (length != null) {
                    body = bytes(Integer.parseInt(length));
                } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                    body = chunked();
                } else {
                    body = new byte[0];
                }
                return new Message(start, headers, body);
            }

            boolean fill() throws IOException {
                if (position == limit) {
                    position = 0;
                    limit = Math.max(0, source.read(buffer));
                }
                return limit > 0;
            }

            String line() throws IOException {
                StringBuilder line = new StringBuilder(64);
                while (true) {
                    if (!fill()) {
                        return line.isEmpty() ? null : line.toString();
                    }
                    byte b = buffer[position++];
                    if (b == '\n') {
                        int end = line.length();
                        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                    }
                    line.append((char) (b & 0xff));
                }
            }

            byte[] bytes(int count) throws IOException {
                byte[] out = new byte[count];
                for (int got = 0; got < count; ) {
                    if (!fill()) {
                        throw new IOException("the message ended " + (count - got) + " bytes early");
                    }
                    int n = Math.min(count - got, limit - position);
                    System.arraycopy(buffer, position, out, got, n);
                    position += n;
                    got += n;
                }
                return out;
            }

            byte[] chunked() throws IOException {
                var out = new java.io.ByteArrayOutputStream();
                while (true) {
                    String size = line();
                    if (size == null) {
                        throw new IOException("the chunked body ended early");
                    }
                    int semicolon = size.indexOf(';');
                    int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                    if (n == 0) {
                        for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                            // trailers are not needed
                        }
                        return out.toByteArray();
                    }
                    out.write(bytes(n));
                    line();
                }
            }
        }
    }

    // ---------------------------------------------------------------- one system, one run

    /** One scenario's figures: per trigger, its 202 (or 200) and its page, both as System.nanoTime. */
    static final class Series {
        final String name;
        final Map<String, Long> accepted = new LinkedHashMap<>();
        final Map<String, Long> sent = new HashMap<>();
        final Map<String, Long> paged = new HashMap<>();
        int refused;
        String firstRefusal;
        long startedNanos, lastAcceptedNanos, lastPageNanos;
        Map<String, Double> cores = new LinkedHashMap<>();
        String busiest = "";
        /**
         * Firewatch's journal consumer: its CPU per incident in the burst, in µs. Steadier between runs than the
         * burst's p99 (a few per cent against tens), so it is the figure to compare when changing the consumer's work.
         */
        double consumerMicrosPerIncident = Double.NaN;

        Series(String name) {
            this.name = name;
        }

        /** Latencies in ms, a missing page as infinity (so a lost page cannot flatter a percentile). */
        double[] latencies() {
            double[] ms = new double[accepted.size()];
            int i = 0;
            for (var e : accepted.entrySet()) {
                Long page = paged.get(e.getKey());
                ms[i++] = page == null ? Double.POSITIVE_INFINITY : (page - e.getValue()) / 1e6;
            }
            Arrays.sort(ms);
            return ms;
        }

        /** From the request's start instead of its answer: what the sender waits in all. */
        double[] fromSent() {
            double[] ms = new double[accepted.size()];
            int i = 0;
            for (String key : accepted.keySet()) {
                Long page = paged.get(key);
                ms[i++] = page == null ? Double.POSITIVE_INFINITY : (page - sent.get(key)) / 1e6;
            }
            Arrays.sort(ms);
            return ms;
        }

        double percentile(double p) {
            return pick(latencies(), p);
        }

        static double pick(double[] sorted, double p) {
            return sorted.length == 0 ? Double.NaN
                    : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }

        String fromSentFigures() {
            double[] ms = fromSent();
            return ms.length == 0 ? "–" : String.format(Locale.ROOT, "%s / %s / %s", ms(pick(ms, 0.5)),
                    ms(pick(ms, 0.99)), ms(pick(ms, 1.0)));
        }

        long missing() {
            return accepted.keySet().stream().filter(k -> !paged.containsKey(k)).count();
        }

        /** Pages that arrived before this process had read the 202 (the latency is negative). */
        long early() {
            return accepted.entrySet().stream()
                    .filter(e -> paged.containsKey(e.getKey()) && paged.get(e.getKey()) < e.getValue())
                    .count();
        }

        String figures() {
            return accepted.isEmpty() ? "–" : String.format(Locale.ROOT, "%s / %s / %s", ms(percentile(0.5)),
                    ms(percentile(0.99)), ms(percentile(1.0)));
        }
    }

    static final class Result {
        String system;
        int run;
        double load1, load5;
        double othersBefore;
        String note = "";
        Series sequential, burst;
        Pages pages;
        Stages stagesSequential, stagesBurst;
        String profileSummary;

        String label() {
            return label(system);
        }

        static String label(String system) {
            return switch (system) {
                case "sqlite" -> "Firewatch SQLite";
                case "postgresql" -> "Firewatch PostgreSQL";
                default -> "Alertmanager 0.25";
            };
        }

        String line() {
            return String.format(Locale.ROOT, "%s run %d: one at a time p50/p99/max %s ms; %,d at once %s ms, last"
                            + " page %.0f ms after the first send (intake %.0f ms); missing %d/%d, duplicates %d, bad"
                            + " signatures %d, early %d, h2c upgrade asked %d, sender connections %d for %d pages; load %.2f, others %.2f cores%s",
                    label(), run, sequential.figures(), burst.accepted.size(), burst.figures(),
                    (burst.lastPageNanos - burst.startedNanos) / 1e6,
                    (burst.lastAcceptedNanos - burst.startedNanos) / 1e6, sequential.missing(), burst.missing(),
                    pages.duplicates.get(), pages.badSignatures.get(), sequential.early() + burst.early(),
                    pages.upgradeAsked.get(), pages.connections.size(), pages.received.get(), load1,
                    othersBefore, note.isEmpty() ? "" : "; " + note)
                    + "; busiest server threads in the burst (cores): " + burst.busiest;
        }
    }

    static Result measure(String system, int run, Receiver receiver) throws Exception {
        Result result = new Result();
        result.system = system;
        result.run = run;
        waitForQuiet(result);
        Path dir = Files.createDirectories(work.resolve(system + "-run" + run));
        System.err.printf("pagingbench: %s run %d (load %.2f, others %.2f cores before start)%n", result.label(), run,
                result.load1, result.othersBefore);
        result.pages = new Pages(!system.equals("alertmanager"));
        receiver.listen(result.pages);
        Server server = system.equals("alertmanager")
                ? startAlertmanager(dir, receiver.url())
                : startFirewatch(system, dir, receiver.url(), run);
        dev.firewatch.notify.PostClient client = new dev.firewatch.notify.PostClient(Duration.ofSeconds(2));
        Trigger trigger = server.trigger(client);
        String tag = "pbk-" + run + "-" + (system.equals("alertmanager") ? "am" : system.substring(0, 2)) + "-";
        try {
            oneAtATime(trigger, result.pages, tag + "w-", warmup, new Series("warm-up"), server);
            if (warmupBurst > 0) {
                atOnce(trigger, result.pages, tag + "v-", warmupBurst, new Series("warm-up burst"), server);
            }
            Thread.sleep(500);
            result.sequential = oneAtATime(trigger, result.pages, tag + "s-", sequential,
                    new Series("one at a time"), server);
            Thread.sleep(500);
            result.burst = atOnce(trigger, result.pages, tag + "b-", burst,
                    new Series(String.format("%,d at once", burst)), server);
            if (server.jdbcUrl() != null) {
                Thread.sleep(1_000); // the last deliveries' records, outside the timing
                result.stagesSequential = Stages.of(server, result.sequential);
                result.stagesBurst = Stages.of(server, result.burst);
            }
            if (profile && server.jdbcUrl() != null) {
                result.profileSummary = dumpProfile(server, dir, result.burst);
            }
        } finally {
            client.close();
            server.stop();
            result.pages.verify();
        }
        return result;
    }

    /** Sends one trigger (a new key each), returning the System.nanoTime its 2xx was read; throws on a refusal. */
    @FunctionalInterface
    interface Trigger {
        long send(String key) throws Exception;
    }

    static Series oneAtATime(Trigger trigger, Pages pages, String prefix, int count, Series series, Server server)
            throws Exception {
        series.startedNanos = System.nanoTime();
        long[] cpu = Cpu.snapshot(server.process().pid());
        for (int i = 0; i < count; i++) {
            String key = prefix + String.format("%05d", i);
            CompletableFuture<Long> page = pages.of(key);
            long accepted;
            long sent = System.nanoTime();
            try {
                accepted = trigger.send(key);
            } catch (Refused refused) {
                refusal(series, refused);
                continue;
            }
            series.accepted.put(key, accepted);
            series.sent.put(key, sent);
            series.lastAcceptedNanos = accepted;
            try {
                long at = page.get(pageTimeoutSeconds, TimeUnit.SECONDS);
                series.paged.put(key, at);
                series.lastPageNanos = Math.max(series.lastPageNanos, at);
            } catch (TimeoutException lost) {
                System.err.printf("pagingbench: no page for %s within %d s%n", key, pageTimeoutSeconds);
            }
            if (!server.process().isAlive()) {
                throw new IllegalStateException("the server died; see its log in " + work);
            }
            Thread.sleep(gapMs);
        }
        series.cores = Cpu.split(cpu, Cpu.snapshot(server.process().pid()));
        window(series);
        return series;
    }

    /** Says on stderr when a scenario ran, to find it in a recording or a log. */
    static void window(Series series) {
        System.err.printf("pagingbench: %s from %s to %s%n", series.name,
                Instant.ofEpochMilli((long) Stages.epochMs(series.startedNanos)),
                Instant.ofEpochMilli((long) Stages.epochMs(Math.max(series.lastPageNanos, series.lastAcceptedNanos))));
    }

    static Series atOnce(Trigger trigger, Pages pages, String prefix, int count, Series series, Server server)
            throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = prefix + String.format("%05d", i);
            keys.add(key);
            pages.of(key);
        }
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        Map<String, Long> sent = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        long[] cpu = Cpu.snapshot(server.process().pid());
        var threadsBefore = Cpu.threads(server.process().pid());
        List<Refused> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService senders = Executors.newFixedThreadPool(connections);
        series.startedNanos = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            running.add(senders.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    String key = keys.get(i);
                    try {
                        sent.put(key, System.nanoTime());
                        accepted.put(key, trigger.send(key));
                    } catch (Refused refused) {
                        refusals.add(refused);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get(burstTimeoutSeconds, TimeUnit.SECONDS);
        }
        senders.shutdown();
        refusals.forEach(r -> refusal(series, r));
        for (String key : keys) {
            Long at = accepted.get(key);
            if (at != null) {
                series.accepted.put(key, at);
                series.sent.put(key, sent.get(key));
                series.lastAcceptedNanos = Math.max(series.lastAcceptedNanos, at);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(burstTimeoutSeconds);
        for (String key : series.accepted.keySet()) {
            try {
                long at = pages.of(key).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                series.paged.put(key, at);
                series.lastPageNanos = Math.max(series.lastPageNanos, at);
            } catch (TimeoutException lost) {
                // counted as missing
            }
        }
        series.cores = Cpu.split(cpu, Cpu.snapshot(server.process().pid()));
        var threadsAfter = Cpu.threads(server.process().pid());
        series.busiest = Cpu.busiest(threadsBefore, threadsAfter, (System.nanoTime() - series.startedNanos) / 1e9, 6);
        if (server.firewatch() && !series.accepted.isEmpty()) {
            // /proc shortens thread names to 15 characters: "journal-consumer" reads "journal-consume".
            series.consumerMicrosPerIncident = Cpu.ticksOf(threadsBefore, threadsAfter, "journal-consume") * 10_000.0
                    / series.accepted.size();
        }
        window(series);
        if (series.missing() > 0) {
            System.err.printf("pagingbench: %s: %d of %d pages did not arrive within %d s%n", series.name,
                    series.missing(), series.accepted.size(), burstTimeoutSeconds);
        }
        return series;
    }

    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    static void refusal(Series series, Refused refused) {
        if (series.refused++ == 0) {
            series.firstRefusal = refused.getMessage();
            System.err.printf("pagingbench: %s: refused: %s%n", series.name, refused.getMessage());
        }
        if (series.refused > 20) {
            throw new IllegalStateException("more than 20 triggers refused in " + series.name + "; first: "
                    + series.firstRefusal);
        }
    }

    // ---------------------------------------------------------------- servers

    /**
     * A running server: its process, port, how to send it a trigger, and for Firewatch its store's JDBC URL
     * (for the stage timestamps) and its PostgreSQL database, dropped when it stops.
     */
    record Server(Process process, int port, boolean firewatch, String jdbcUrl, String pgName, Path dir) {
        /** Triggers through Firewatch's own HTTP client: a kept-alive connection per sending thread. */
        Trigger trigger(dev.firewatch.notify.PostClient client) {
            String base = "http://127.0.0.1:" + port;
            if (firewatch) {
                URI uri = URI.create(base + "/v2/enqueue");
                return key -> post(client, uri, """
                        {"routing_key":"bench-key","event_action":"trigger","dedup_key":"%s",\
                        "payload":{"summary":"paging bench %s","source":"pagingbench","severity":"critical"}}"""
                        .formatted(key, key), 202);
            }
            URI uri = URI.create(base + "/api/v2/alerts");
            return key -> post(client, uri, """
                    [{"labels":{"alertname":"PagingBench","bench_key":"%s","severity":"critical"},\
                    "annotations":{"summary":"paging bench %s"}}]""".formatted(key, key), 200);
        }

        static long post(dev.firewatch.notify.PostClient client, URI uri, String body, int expected) throws Exception {
            var answer = client.post(uri, "application/json", body.getBytes(StandardCharsets.UTF_8), Map.of(),
                    Duration.ofSeconds(10));
            long at = System.nanoTime();
            if (answer.status() != expected) {
                throw new Refused(answer.status() + " " + answer.firstBytes());
            }
            return at;
        }

        Connection connect() throws Exception {
            return DriverManager.getConnection(jdbcUrl);
        }

        void stop() throws Exception {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            if (pgName != null) {
                try (Connection c = DriverManager.getConnection(ADMIN_PG)) {
                    c.createStatement().execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
                } catch (Exception e) {
                    System.err.println("pagingbench: could not drop " + pgName + ": " + e.getMessage());
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static Server startFirewatch(String vendor, Path dir, String hook, int run) throws Exception {
        String storeUrl = "";
        String pgName = null;
        if (vendor.equals("postgresql")) {
            pgName = "firewatch_pagingbench_" + ProcessHandle.current().pid() + "_" + run;
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
                auth:
                  api_requests_per_minute: 1000000
                users:
                  - name: admin
                    role: admin
                channels:
                  - {name: bench-hook, type: webhook, url: "%s", secret: %s}
                services:
                  - {name: bench, integration_key: bench-key}
                escalation_policies:
                  - name: bench
                    services: [bench]
                    steps: [{channels: [bench-hook], wait: 30m}]
                """.formatted(storeUrl, hook, SECRET));
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder("bin/firewatch", "serve", "--config", config.toString(), "--data",
                dir.resolve("data").toString(), "--port", Integer.toString(port));
        builder.environment().put("FIREWATCH_ADMIN_PASSWORD", "paging-bench-admin-password");
        builder.environment().put("FIREWATCH_JAVA_OPTS", javaOpts());
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile());
        Process process = builder.start();
        String jdbc = pgName != null ? storeUrl : "jdbc:sqlite:" + dir.resolve("data/firewatch.db");
        Server server = new Server(process, port, true, jdbc, pgName, dir);
        try {
            waitReady(process, "http://127.0.0.1:" + port + "/readyz", dir);
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return server;
    }

    static String javaOpts() {
        String base = System.getenv().getOrDefault("FIREWATCH_JAVA_OPTS", "-Xmx384m");
        // Recorded from the start, in memory; dumped with jcmd after the burst, summarized over the burst only.
        // method-profiling=max samples every millisecond and locking-threshold=1ms keeps parks from 1 ms: the
        // stages here take milliseconds, so the profile settings' 10 to 20 ms would see little of them.
        return profile ? base + " -XX:StartFlightRecording=name=bench,settings=profile,method-profiling=max,"
                + "locking-threshold=1ms,maxage=10m" : base;
    }

    static Server startAlertmanager(Path dir, String hook) throws Exception {
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: hook
                  group_by: ['...']
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 4h
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: "%s"
                        send_resolved: false
                """.formatted(hook));
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(ALERTMANAGER, "--config.file=" + config,
                "--storage.path=" + Files.createDirectories(dir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=", "--log.level=warn");
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile());
        Process process = builder.start();
        Server server = new Server(process, port, false, null, null, dir);
        try {
            waitReady(process, "http://127.0.0.1:" + port + "/-/ready", dir);
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return server;
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
        throw new IllegalStateException("not ready after 60 s; see the log in " + dir);
    }

    // ---------------------------------------------------------------- where the time goes

    /**
     * Each incident's latency split by the store's own moments (epoch ms): the alert's first_seen_at (the journal's
     * group commit that took the request began), the UUIDv7 time of its incident's "opened" event (the alert stages wrote it, in the
     * consumer's transaction) and of its outbox row (the paging listener wrote it, in the incident bus's
     * transaction). Millisecond resolution, so each stage is ±1 ms; their medians still say where time goes.
     */
    record Stages(int incidents, Map<String, double[]> byStage) {
        static final List<String> NAMES = List.of(
                "journal commit (the alert's first_seen_at) → 202 read by the bench",
                "202 → incident opened (journal consumer, alert stages)",
                "opened → outbox row (paging listener, in the alert stages' transaction)",
                "outbox row → page at the receiver (rest of that transaction, its commit, the send)");

        static Stages of(Server server, Series series) throws Exception {
            Map<String, long[]> store = new HashMap<>();
            try (Connection c = server.connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT a.dedup_key, a.first_seen_at, e.id, o.id"
                            + " FROM alert_alert a"
                            + " JOIN incident_event e ON e.incident_id = a.incident_id AND e.kind = 'opened'"
                            + " JOIN notify_outbox o ON o.incident_id = a.incident_id"
                            + " AND o.event = 'incident.triggered'")) {
                while (rs.next()) {
                    store.put(rs.getString(1), new long[] {rs.getLong(2), uuidMillis(rs.getString(3)),
                        uuidMillis(rs.getString(4))});
                }
            }
            List<double[]> rows = new ArrayList<>();
            for (var e : series.accepted.entrySet()) {
                long[] t = store.get(e.getKey());
                Long page = series.paged.get(e.getKey());
                if (t == null || page == null) {
                    continue;
                }
                double accepted = epochMs(e.getValue());
                double arrived = epochMs(page);
                rows.add(new double[] {accepted - t[0], t[1] - accepted, t[2] - t[1], arrived - t[2]});
            }
            Map<String, double[]> byStage = new LinkedHashMap<>();
            for (int i = 0; i < NAMES.size(); i++) {
                int stage = i;
                double[] values = rows.stream().mapToDouble(r -> r[stage]).sorted().toArray();
                byStage.put(NAMES.get(i), values);
            }
            return new Stages(rows.size(), byStage);
        }

        static long uuidMillis(String id) {
            return UUID.fromString(id).getMostSignificantBits() >>> 16;
        }

        static double epochMs(long nanos) {
            return EPOCH_MS_AT_NANO_ZERO + nanos / 1e6;
        }

        static double percentile(double[] sorted, double p) {
            return sorted.length == 0 ? Double.NaN
                    : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    // ---------------------------------------------------------------- JFR

    static String dumpProfile(Server server, Path dir, Series window) throws Exception {
        Path jfr = dir.resolve("profile.jfr");
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(server.process().pid()), "JFR.dump", "name=bench", "filename=" + jfr)
                .redirectErrorStream(true).redirectOutput(dir.resolve("jcmd.log").toFile()).start();
        if (!jcmd.waitFor(30, TimeUnit.SECONDS) || !Files.exists(jfr)) {
            return "no recording: see " + dir.resolve("jcmd.log");
        }
        Instant from = Instant.ofEpochMilli((long) Stages.epochMs(window.startedNanos));
        Instant to = Instant.ofEpochMilli((long) Stages.epochMs(window.lastPageNanos) + 1);
        String summary = summarizeJfr(jfr, from, to);
        Files.writeString(dir.resolve("profile.txt"), summary);
        System.err.println(summary);
        return summary;
    }

    /** Where the server's threads were during the burst: on CPU (execution samples) and waiting (park, monitor). */
    static String summarizeJfr(Path file, Instant from, Instant to) throws IOException {
        Map<String, Integer> byThread = new HashMap<>();
        Map<String, Map<String, Integer>> perThread = new HashMap<>();
        Map<String, Map<String, Integer>> activity = new HashMap<>();
        Map<String, Long> waits = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                continue;
            }
            String type = event.getEventType().getName();
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            if (type.equals("jdk.ThreadPark") || type.equals("jdk.JavaMonitorEnter")
                    || type.equals("jdk.JavaMonitorWait") || type.equals("jdk.SocketRead")) {
                var thread = event.getThread();
                String who = thread == null ? "?" : thread.isVirtual() ? "virtual"
                        : String.valueOf(thread.getJavaName()).replaceAll("\\d+", "#");
                String where = stack.getFrames().stream().map(PagingBench::frame)
                        .filter(f -> f.startsWith("dev.firewatch")).findFirst().orElse(frame(stack.getFrames().getFirst()));
                waits.merge(who + " " + type.substring(4) + " in " + where + " (for " + activity(stack) + ")",
                        event.getDuration().toMillis(), Long::sum);
                continue;
            }
            if (!type.equals("jdk.ExecutionSample")) {
                continue;
            }
            var thread = event.getThread("sampledThread");
            String name = thread == null ? "?" : thread.isVirtual() ? "virtual"
                    : String.valueOf(thread.getJavaName()).replaceAll("\\d+", "#");
            samples++;
            byThread.merge(name, 1, Integer::sum);
            String ours = stack.getFrames().stream().map(PagingBench::frame)
                    .filter(f -> f.startsWith("dev.firewatch")).findFirst().orElse("(no Firewatch frame)");
            perThread.computeIfAbsent(name, k -> new HashMap<>())
                    .merge(frame(stack.getFrames().getFirst()) + " ← " + ours, 1, Integer::sum);
            activity.computeIfAbsent(name, k -> new HashMap<>()).merge(activity(stack), 1, Integer::sum);
        }
        StringBuilder s = new StringBuilder(String.format("JFR %s, %s to %s: %d execution samples%n", file, from, to,
                samples));
        s.append("\nExecution samples by thread:\n");
        top(byThread, 8).forEach(e -> s.append(String.format(Locale.ROOT, "  %5d  %s%n", e.getValue(), e.getKey())));
        for (var t : top(byThread, 4)) {
            s.append("\nTop frames of ").append(t.getKey()).append(" (top frame ← first Firewatch frame):\n");
            top(perThread.get(t.getKey()), 6).forEach(e ->
                    s.append(String.format(Locale.ROOT, "  %5d  %s%n", e.getValue(), e.getKey())));
        }
        for (var t : top(byThread, 3)) {
            s.append("\nWhat ").append(t.getKey()).append(" was doing (outermost Firewatch frame):\n");
            top(activity.get(t.getKey()), 12).forEach(e ->
                    s.append(String.format(Locale.ROOT, "  %5d  %s%n", e.getValue(), e.getKey())));
        }
        s.append("\nWaits of 1 ms or more (parks, monitors), total ms, by thread, where and for what:\n");
        waits.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(20)
                .forEach(e -> s.append(String.format(Locale.ROOT, "  %7d  %s%n", e.getValue(), e.getKey())));
        return s.toString();
    }

    /** The outermost Firewatch frame of a stack, which names the activity (a request, a send, a stage). */
    static String activity(RecordedStackTrace stack) {
        List<RecordedFrame> frames = stack.getFrames();
        for (int i = frames.size() - 1; i >= 0; i--) {
            String f = frame(frames.get(i));
            if (f.startsWith("dev.firewatch")) {
                return f;
            }
        }
        // No Firewatch frame: name the outermost frame below the thread's own machinery (Jetty, the HTTP client).
        for (int i = frames.size() - 1; i >= 0; i--) {
            String f = frame(frames.get(i));
            if (!f.startsWith("java.lang.") && !f.startsWith("jdk.internal.vm.") && !f.startsWith("jdk.internal.misc.")
                    && !f.startsWith("java.util.concurrent.")) {
                return "(no Firewatch frame) " + f;
            }
        }
        return "(no Firewatch frame) " + frame(frames.getLast());
    }

    static <K> List<Map.Entry<K, Integer>> top(Map<K, Integer> counts, int limit) {
        return counts.entrySet().stream().sorted(Map.Entry.<K, Integer>comparingByValue().reversed()).limit(limit)
                .toList();
    }

    static String frame(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    // ---------------------------------------------------------------- the machine

    /** Waits, bounded, until others leave the machine mostly idle; records what it saw. */
    static void waitForQuiet(Result result) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxWaitSeconds);
        while (true) {
            long[] a = Cpu.machine();
            Thread.sleep(3000);
            long[] b = Cpu.machine();
            result.othersBefore = (b[1] - a[1]) / (double) Math.max(1, b[0] - a[0]) * CPUS;
            String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
            result.load1 = Double.parseDouble(load[0]);
            result.load5 = Double.parseDouble(load[1]);
            if (result.othersBefore <= quietCores) {
                return;
            }
            if (System.nanoTime() > deadline) {
                result.note = String.format(Locale.ROOT, "busy: others used %.2f cores when measuring began",
                        result.othersBefore);
                return;
            }
            System.err.printf("pagingbench: others use %.2f cores (load %.2f); waiting%n", result.othersBefore,
                    result.load1);
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

        /** Cores used over the interval by the server, PostgreSQL, this benchmark, everything else; idle. */
        static Map<String, Double> split(long[] a, long[] b) {
            Map<String, Double> cores = new LinkedHashMap<>();
            double perCore = Math.max(1, b[0] - a[0]) / (double) CPUS;
            double busy = (b[1] - a[1]) / perCore;
            double server = (b[2] - a[2]) / perCore;
            double postgres = Math.max(0, (b[3] - a[3]) / perCore); // an exiting process takes its ticks along
            double bench = (b[4] - a[4]) / perCore;
            cores.put("server", server);
            cores.put("postgres", postgres);
            cores.put("bench", bench);
            cores.put("others", Math.max(0, busy - server - postgres - bench));
            cores.put("idle", Math.max(0, CPUS - busy));
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

        /** CPU ticks per thread of the process, by thread id, with names (digits folded to #). */
        static Map<Long, Map.Entry<String, Long>> threads(long pid) {
            Map<Long, Map.Entry<String, Long>> out = new HashMap<>();
            try (var dirs = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path t : dirs.toList()) {
                    try {
                        String text = Files.readString(t.resolve("stat"));
                        int open = text.indexOf('(');
                        int close = text.lastIndexOf(')');
                        String[] rest = text.substring(close + 2).split(" ");
                        out.put(Long.parseLong(t.getFileName().toString()), Map.entry(
                                text.substring(open + 1, close).replaceAll("\\d+", "#"),
                                Long.parseLong(rest[11]) + Long.parseLong(rest[12])));
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended
                    }
                }
            } catch (IOException gone) {
                // the process ended
            }
            return out;
        }

        /** The busiest threads between two snapshots, as "name cores", over {@code seconds} of wall time. */
        static String busiest(Map<Long, Map.Entry<String, Long>> a, Map<Long, Map.Entry<String, Long>> b,
                double seconds, int limit) {
            Map<String, Double> byName = new HashMap<>();
            for (var e : b.entrySet()) {
                long before = a.containsKey(e.getKey()) ? a.get(e.getKey()).getValue() : 0;
                byName.merge(e.getValue().getKey(), (e.getValue().getValue() - before) / 100.0 / seconds,
                        Double::sum);
            }
            return byName.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(limit).map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", "));
        }

        /** CPU ticks (1/100 s) the threads of that name used between two snapshots. */
        static long ticksOf(Map<Long, Map.Entry<String, Long>> a, Map<Long, Map.Entry<String, Long>> b, String name) {
            long ticks = 0;
            for (var e : b.entrySet()) {
                if (e.getValue().getKey().equals(name)) {
                    long before = a.containsKey(e.getKey()) ? a.get(e.getKey()).getValue() : 0;
                    ticks += e.getValue().getValue() - before;
                }
            }
            return ticks;
        }

        /** utime + stime: fields 14 and 15 of stat, here 12 and 13 after the name. */
        static long ticks(String[] stat) {
            return Long.parseLong(stat[12]) + Long.parseLong(stat[13]);
        }
    }

    // ---------------------------------------------------------------- the report

    static String ms(double v) {
        if (Double.isInfinite(v)) {
            return "lost";
        }
        return v < 10 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String cores(Map<String, Double> cores) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f / %.2f", cores.get("server"),
                cores.get("postgres"), cores.get("bench"), cores.get("others"), cores.get("idle"));
    }

    /** The run whose p99 is the median of the runs' p99s for this system and scenario. */
    static Result medianRun(List<Result> results, String system, boolean burstScenario) {
        List<Result> of = results.stream().filter(r -> r.system.equals(system))
                .sorted((a, b) -> Double.compare(scenario(a, burstScenario).percentile(0.99),
                        scenario(b, burstScenario).percentile(0.99)))
                .toList();
        return of.isEmpty() ? null : of.get((of.size() - 1) / 2);
    }

    static Series scenario(Result r, boolean burstScenario) {
        return burstScenario ? r.burst : r.sequential;
    }

    static String report(List<Result> results) {
        StringBuilder out = new StringBuilder();
        String when = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        out.append(String.format(Locale.ROOT, "Paging latency, %s UTC: `%s`%n%n", when, command));
        out.append(String.format(Locale.ROOT, "%d run(s); per run and system a fresh server and store; warm-up %d"
                        + " triggers one at a time and a burst of %d; then %d one at a time (each waits for its page,"
                        + " then %d ms) and %,d at once over %d connections. Firewatch JVM options: %s. %d CPUs shared"
                        + " by the servers, PostgreSQL, the benchmark (sender and receiver) and anyone else.%n%n",
                runs, warmup, warmupBurst, sequential, gapMs, burst, connections, javaOpts(), CPUS));
        out.append("Latency = the page's body in at the receiver − the trigger's 2xx read by the sender (Firewatch:"
                + " 202 of `POST /v2/enqueue`, answered after the commit; Alertmanager: 200 of `POST /api/v2/alerts`,"
                + " group_wait 0s; it may send the webhook before its answer is read, so its latency can be"
                + " negative); \"from the request's start\" counts from the trigger's POST being sent instead. Median"
                + " run per cell (by p99); ms, p50 / p99 / max.\n\n");
        List<String> present = systems.stream().filter(s -> results.stream().anyMatch(r -> r.system.equals(s)))
                .toList();
        out.append("| scenario |");
        present.forEach(s -> out.append(' ').append(Result.label(s)).append(" |"));
        out.append(" target |\n|---|");
        present.forEach(s -> out.append("---|"));
        out.append("---|\n");
        for (boolean b : new boolean[] {false, true}) {
            out.append(b ? String.format("| %,d at once, per incident |", burst)
                    : String.format("| one at a time (%d) |", sequential));
            for (String s : present) {
                Result r = medianRun(results, s, b);
                out.append(' ').append(scenario(r, b).figures()).append(" (run ").append(r.run).append(") |");
            }
            out.append(b ? " p99 < 100 ms |\n" : " p99 < 10 ms |\n");
        }
        for (boolean b : new boolean[] {false, true}) {
            out.append(b ? String.format("| %,d at once, from the request's start |", burst)
                    : "| one at a time, from the request's start |");
            for (String s : present) {
                Result r = medianRun(results, s, b);
                out.append(' ').append(scenario(r, b).fromSentFigures()).append(" (run ").append(r.run).append(") |");
            }
            out.append(" |\n");
        }
        out.append(String.format("| %,d at once, first send → last page (median run) |", burst));
        for (String s : present) {
            List<Double> spans = results.stream().filter(r -> r.system.equals(s))
                    .map(r -> (r.burst.lastPageNanos - r.burst.startedNanos) / 1e6).sorted().toList();
            out.append(' ').append(ms(spans.get((spans.size() - 1) / 2))).append(" |");
        }
        out.append(" |\n");
        out.append(String.format("| %,d at once, first send → last 2xx (median run) |", burst));
        for (String s : present) {
            List<Double> spans = results.stream().filter(r -> r.system.equals(s))
                    .map(r -> (r.burst.lastAcceptedNanos - r.burst.startedNanos) / 1e6).sorted().toList();
            out.append(' ').append(ms(spans.get((spans.size() - 1) / 2))).append(" |");
        }
        out.append(" |\n");

        out.append(String.format(Locale.ROOT, "%nThe machine: load average (1 min) %.2f–%.2f before the starts; others"
                        + " used up to %.2f cores before a start and up to %.2f during a scenario.%n",
                results.stream().mapToDouble(r -> r.load1).min().orElse(0),
                results.stream().mapToDouble(r -> r.load1).max().orElse(0),
                results.stream().mapToDouble(r -> r.othersBefore).max().orElse(0),
                results.stream().flatMap(r -> java.util.stream.Stream.of(r.sequential, r.burst))
                        .mapToDouble(x -> x.cores.getOrDefault("others", 0.0)).max().orElse(0)));
        out.append("\nTargets (issue 4), Firewatch, median run:\n\n");
        for (String s : present) {
            if (s.equals("alertmanager")) {
                continue;
            }
            double one = medianRun(results, s, false).sequential.percentile(0.99);
            double many = medianRun(results, s, true).burst.percentile(0.99);
            out.append(String.format(Locale.ROOT, "- %s: one at a time p99 %s ms (< 10: %s); %,d at once p99 %s ms"
                            + " (< 100: %s)%n", Result.label(s), ms(one), one < 10 ? "met" : "**not met**", burst,
                    ms(many), many < 100 ? "met" : "**not met**"));
        }

        out.append("\nEvery run (ms, p50 / p99 / max; the machine before each start; cores during the scenario:"
                + " server / postgres / bench / others / idle):\n\n");
        out.append("| system | run | load 1 / 5 min, others' cores before | one at a time | cores |"
                + " at once, per incident | first send → last 2xx / last page | cores | missing, duplicate,"
                + " bad signature, early (page before the 2xx was read) |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %.2f / %.2f, %.2f%s | %s | %s | %s | %.0f / %.0f | %s"
                            + " | %d, %d, %d, %d |%n", r.label(), r.run, r.load1, r.load5, r.othersBefore,
                    r.note.isEmpty() ? "" : " (" + r.note + ")", r.sequential.figures(), cores(r.sequential.cores),
                    r.burst.figures(), (r.burst.lastAcceptedNanos - r.burst.startedNanos) / 1e6,
                    (r.burst.lastPageNanos - r.burst.startedNanos) / 1e6, cores(r.burst.cores),
                    r.sequential.missing() + r.burst.missing(), r.pages.duplicates.get(), r.pages.badSignatures.get(),
                    r.sequential.early() + r.burst.early()));
        }

        out.append("\nServer CPU per incident in the burst (its cores × first send → last page / incidents), Firewatch's"
                + " journal consumer's share of it, and the busiest threads (cores):\n\n");
        for (Result r : results) {
            double seconds = (r.burst.lastPageNanos - r.burst.startedNanos) / 1e9;
            String consumer = Double.isNaN(r.burst.consumerMicrosPerIncident)
                    ? ""
                    : String.format(Locale.ROOT, " (journal consumer %.0f µs)", r.burst.consumerMicrosPerIncident);
            out.append(String.format(Locale.ROOT, "- %s run %d: %.2f ms per incident%s; %s%n", r.label(), r.run,
                    r.burst.cores.get("server") * seconds * 1000 / Math.max(1, r.burst.accepted.size()), consumer,
                    r.burst.busiest));
        }

        boolean anyStages = results.stream().anyMatch(r -> r.stagesBurst != null);
        if (anyStages) {
            out.append("\nWhere Firewatch's time goes, median run, from the store's own timestamps (epoch ms: the"
                    + " alert's first_seen_at, the UUIDv7 times of the incident's `opened` event and of its outbox"
                    + " row; ±1 ms each), ms p50 / p99:\n\n");
            out.append("| stage |");
            List<String> fw = present.stream().filter(s -> !s.equals("alertmanager")).toList();
            for (String s : fw) {
                out.append(' ').append(Result.label(s)).append(", one at a time | ").append(Result.label(s))
                        .append(String.format(", %,d at once |", burst));
            }
            out.append("\n|---|");
            fw.forEach(s -> out.append("---|---|"));
            out.append('\n');
            for (String stage : Stages.NAMES) {
                out.append("| ").append(stage).append(" |");
                for (String s : fw) {
                    for (boolean b : new boolean[] {false, true}) {
                        Result r = medianRun(results, s, b);
                        Stages st = b ? r.stagesBurst : r.stagesSequential;
                        double[] v = st.byStage().get(stage);
                        out.append(String.format(Locale.ROOT, " %s / %s |", ms(Stages.percentile(v, 0.5)),
                                ms(Stages.percentile(v, 0.99))));
                    }
                }
                out.append('\n');
            }
        }
        for (Result r : results) {
            if (r.profileSummary != null) {
                out.append("\n#### JFR during the burst, ").append(r.label()).append(" run ").append(r.run)
                        .append("\n\n```\n").append(r.profileSummary).append("```\n");
            }
        }
        return out.toString();
    }
}
