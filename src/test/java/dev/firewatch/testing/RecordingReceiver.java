package dev.firewatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on loopback standing in for Slack or ntfy: it records every request it gets and answers with
 * the status it is told, or never answers at all.
 */
public final class RecordingReceiver implements AutoCloseable {
    /** One request as it arrived. */
    public record Request(String method, String path, Headers headers, String body) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the body is not JSON: " + body, e);
            }
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String answer = "ok";
    private volatile boolean silent;

    private RecordingReceiver(HttpServer server) {
        this.server = server;
    }

    public static RecordingReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            RecordingReceiver receiver = new RecordingReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An address on this receiver; the path is whatever a channel's url or topic makes it. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public RecordingReceiver answering(int status, String body) {
        this.status = status;
        this.answer = body;
        return this;
    }

    /** Takes requests and keeps them waiting until the receiver closes: a receiver that hangs. */
    public RecordingReceiver neverAnswering() {
        this.silent = true;
        return this;
    }

    /** The next request, waiting a few seconds for it. */
    public Request take() {
        try {
            Request request = received.poll(5, TimeUnit.SECONDS);
            if (request == null) {
                throw new AssertionError("the receiver got no request within 5 s");
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every request not taken yet, without waiting. */
    public List<Request> rest() {
        List<Request> rest = new java.util.ArrayList<>();
        received.drainTo(rest);
        return rest;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Headers headers = new Headers();
        headers.putAll(exchange.getRequestHeaders());
        received.add(new Request(
                exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers, body));
        if (silent) {
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
