package dev.firewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client every HTTP channel posts through, against receivers on loopback that answer the ways real ones do:
 * kept alive or not, by length, in chunks or until they close, after an interim answer, or a connection closed
 * while it sat idle.
 */
@Timeout(30)
class PostClientTest {
    static final byte[] PAGE = "{\"event\":\"incident.triggered\"}".getBytes(StandardCharsets.UTF_8);

    final PostClient client = new PostClient(Duration.ofSeconds(2));
    Receiver receiver;

    @AfterEach
    void stop() throws IOException {
        client.close();
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aPageIsWrittenWithItsHeadersAndBodyAndTheAnswerRead() throws Exception {
        receiver = new Receiver(request -> answer(202, "accepted"), false);

        PostClient.Answer answer = client.post(
                receiver.uri("/hooks/page?team=db"),
                "application/json",
                PAGE,
                Map.of("Idempotency-Key", "n-1/1"),
                Duration.ofSeconds(2));

        assertThat(answer).isEqualTo(new PostClient.Answer(202, "accepted"));
        String request = receiver.requests.take();
        assertThat(request)
                .startsWith("POST /hooks/page?team=db HTTP/1.1\r\n")
                .contains("\r\nHost: 127.0.0.1:" + receiver.port() + "\r\n")
                .contains("\r\nContent-Type: application/json\r\n")
                .contains("\r\nContent-Length: " + PAGE.length + "\r\n")
                .contains("\r\nIdempotency-Key: n-1/1\r\n")
                .endsWith("\r\n\r\n" + new String(PAGE, StandardCharsets.UTF_8));
    }

    @Test
    void pagesToOneReceiverShareAKeptAliveConnection() throws Exception {
        receiver = new Receiver(request -> answer(200, "ok"), false);

        for (int i = 0; i < 5; i++) {
            assertThat(post().status()).isEqualTo(200);
        }

        assertThat(receiver.requests).hasSize(5);
        assertThat(receiver.connections.get()).as("connections opened").isEqualTo(1);
    }

    @Test
    void aSecondBurstToOneReceiverReusesTheConnectionsTheFirstOpened() throws Exception {
        receiver = new Receiver(
                request -> {
                    try {
                        Thread.sleep(100); // so the burst's pages are in flight together
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return answer(200, "ok");
                },
                false);

        burst(40);
        int afterFirst = receiver.connections.get();
        burst(40);

        assertThat(afterFirst).as("connections the first burst opened").isGreaterThan(10);
        assertThat(receiver.connections.get())
                .as("connections after the second")
                .isEqualTo(afterFirst);
    }

    private void burst(int pages) throws Exception {
        try (var sends = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<PostClient.Answer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < pages; i++) {
                answers.add(sends.submit(this::post));
            }
            for (var answer : answers) {
                assertThat(answer.get().status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aConnectionTheReceiverClosedWhileIdleIsReplacedAndThePageStillGoes() throws Exception {
        // Like a Node.js receiver after its keep-alive timeout: it answers, then closes the connection later.
        receiver = new Receiver(request -> answer(200, "ok"), true);
        assertThat(post().status()).isEqualTo(200);
        receiver.awaitIdleClosed();

        PostClient.Answer second = post();

        assertThat(second.status()).isEqualTo(200);
        assertThat(receiver.requests).as("each page arrived once").hasSize(2);
        assertThat(receiver.connections.get()).isEqualTo(2);
    }

    @Test
    void aChunkedAnswerIsReadToItsEndAndTheConnectionKept() throws Exception {
        receiver = new Receiver(
                request -> "HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "8\r\ninvalid_\r\n7;ext=1\r\npayload\r\n0\r\nX-Trailer: 1\r\n\r\n",
                false);

        PostClient.Answer first = post();
        PostClient.Answer second = post();

        assertThat(first).isEqualTo(new PostClient.Answer(400, "invalid_payload"));
        assertThat(second).isEqualTo(first);
        assertThat(receiver.connections.get()).isEqualTo(1);
    }

    @Test
    void anAnswerThatEndsWhenTheReceiverClosesIsReadAndTheNextPageOpensANewConnection() throws Exception {
        receiver = new Receiver(request -> "HTTP/1.0 500 Oops\r\n\r\nbusy, try later", false);

        assertThat(post()).isEqualTo(new PostClient.Answer(500, "busy, try later"));
        assertThat(post().status()).isEqualTo(500);

        assertThat(receiver.connections.get()).isEqualTo(2);
    }

    @Test
    void anInterimAnswerIsSkippedForTheRealOne() throws Exception {
        receiver = new Receiver(request -> "HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n" + answer(204, ""), false);

        assertThat(post()).isEqualTo(new PostClient.Answer(204, ""));
        assertThat(post().status()).as("the connection is still in step").isEqualTo(204);
    }

    @Test
    void onlyTheFirstBytesOfALongAnswerAreKept() throws Exception {
        String page = "x".repeat(200_000);
        receiver = new Receiver(request -> answer(413, page), false);

        PostClient.Answer answer = post();

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.firstBytes()).hasSize(PostClient.KEPT_BYTES);
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutWithinTheDeadline() throws Exception {
        receiver = new Receiver(request -> null, false);

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.post(receiver.uri("/"), "text/plain", PAGE, Map.of(), Duration.ofMillis(300)))
                .isInstanceOf(SocketTimeoutException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aHeaderWithALineBreakIsRefusedBeforeAnythingIsSent() throws Exception {
        receiver = new Receiver(request -> answer(200, "ok"), false);

        assertThatThrownBy(() -> client.post(
                        receiver.uri("/"),
                        "text/plain",
                        PAGE,
                        Map.of("Title", "db down\r\nX-Injected: 1"),
                        Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Title header");
        assertThat(receiver.connections.get()).isZero();
    }

    @Test
    void overTlsTheReceiversCertificateMustNameItsHost(@TempDir Path dir) throws Exception {
        SSLContext tls = selfSigned(dir);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.start();
        try (PostClient trusting = new PostClient(Duration.ofSeconds(2), tls.getSocketFactory())) {
            int port = server.getAddress().getPort();

            PostClient.Answer named =
                    trusting.post(URI.create("https://localhost:" + port + "/"), "text/plain", PAGE, Map.of(), TIMEOUT);
            assertThat(named).isEqualTo(new PostClient.Answer(200, "ok"));

            // The certificate names localhost, not 127.0.0.1: a man in the middle could present it as well.
            assertThatThrownBy(() -> trusting.post(
                            URI.create("https://127.0.0.1:" + port + "/"), "text/plain", PAGE, Map.of(), TIMEOUT))
                    .isInstanceOf(SSLException.class);
        } finally {
            server.stop(0);
        }
        // And the JDK's own trust store does not know a self-signed certificate at all.
        assertThatThrownBy(() -> client.post(
                        URI.create("https://localhost:" + server.getAddress().getPort() + "/"),
                        "text/plain",
                        PAGE,
                        Map.of(),
                        TIMEOUT))
                .isInstanceOf(IOException.class);
    }

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    PostClient.Answer post() throws IOException {
        return client.post(receiver.uri("/hook"), "application/json", PAGE, Map.of(), TIMEOUT);
    }

    static String answer(int status, String body) {
        return "HTTP/1.1 " + status + " X\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body;
    }

    /** A key pair and certificate for localhost made with the JDK's keytool, trusted by the context returned. */
    static SSLContext selfSigned(Path dir) throws Exception {
        Path store = dir.resolve("receiver.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "receiver",
                        "-keyalg",
                        "EC",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=dns:localhost",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        String said = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(said).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    /**
     * A receiver on a plain socket that answers each request with the bytes a script gives (none: it never
     * answers), keeping the connection open unless told to close it once it has sat idle.
     */
    static final class Receiver implements AutoCloseable {
        interface Script {
            String answer(String request);
        }

        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger idleClosed = new AtomicInteger();
        final List<Socket> open = new CopyOnWriteArrayList<>();
        final Script script;
        final boolean closeWhenIdle;

        Receiver(Script script, boolean closeWhenIdle) throws IOException {
            this.script = script;
            this.closeWhenIdle = closeWhenIdle;
            Thread.ofVirtual().start(this::accept);
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port() + path);
        }

        int port() {
            return socket.getLocalPort();
        }

        void awaitIdleClosed() throws InterruptedException {
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (idleClosed.get() == 0 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(idleClosed.get())
                    .as("the receiver closed its idle connection")
                    .isPositive();
            Thread.sleep(50); // let the FIN reach the client's side
        }

        private void accept() {
            try {
                while (true) {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    open.add(s);
                    Thread.ofVirtual().start(() -> serve(s));
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        private void serve(Socket s) {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                while (true) {
                    String request = readRequest(in);
                    if (request == null) {
                        return;
                    }
                    requests.add(request);
                    String answer = script.answer(request);
                    if (answer == null) {
                        Thread.sleep(Duration.ofSeconds(10));
                        return;
                    }
                    out.write(answer.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (answer.startsWith("HTTP/1.0")) {
                        return;
                    }
                    if (closeWhenIdle) {
                        Thread.sleep(100);
                        idleClosed.incrementAndGet();
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the client went away
            }
        }

        /** The request's head and body as text, by its Content-Length; null when the client closed first. */
        private static String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                String text = head.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r\n\r\n")) {
                    int length = 0;
                    for (String line : text.split("\r\n")) {
                        if (line.toLowerCase().startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(15).strip());
                        }
                    }
                    return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
