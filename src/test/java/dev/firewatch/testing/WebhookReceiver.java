package dev.firewatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real HTTP receiver on loopback that keeps every request it gets, for tests of outgoing notifications. It
 * answers 200 unless told otherwise: a queue of statuses to answer first, or a path that never answers (until the
 * receiver closes), as a hung provider would.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    public record Received(String path, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }

        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> hanging =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body));
            boolean hang = hanging.entrySet().stream()
                    .anyMatch(e -> path.startsWith(e.getKey()) && e.getValue().getAndDecrement() > 0);
            if (hang) {
                try {
                    closing.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer status = statuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The URL of {@code path} on this receiver. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests are answered with these statuses, in order; then 200 again. */
    public void answer(Integer... next) {
        statuses.addAll(List.of(next));
    }

    /** Requests to paths starting with {@code prefix} never get an answer (until the receiver closes). */
    public void hang(String prefix) {
        hang(prefix, Integer.MAX_VALUE);
    }

    /** The next {@code times} requests to paths starting with {@code prefix} never get an answer. */
    public void hang(String prefix, int times) {
        hanging.put(prefix, new java.util.concurrent.atomic.AtomicInteger(times));
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits until the requests so far satisfy {@code done}, and returns them. */
    public List<Received> await(Predicate<List<Received>> done) {
        return Eventually.within(Duration.ofSeconds(15), this::received, done);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
