package dev.firewatch.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The HTTP/1.1 client under every channel that POSTs (webhook, Slack, ntfy, Teams, Telegram): it writes a request
 * in one go on the sender's own thread, reads the answer there, and keeps connections alive per receiver.
 *
 * <p>Why not the JDK's {@code HttpClient}: it hands every request from the caller to its selector thread and the
 * answer through its executor back, which on this two-core machine cost about a millisecond more per page on
 * loopback than a plain socket, and several at p99 (docs/performance.md, "A page sent on its own thread"). A page
 * needs only this: one POST, its status and the first bytes of the answer.
 *
 * <p>What it keeps from a full client: a deadline over the whole exchange (connect, TLS handshake and every read;
 * a write is bounded by the socket's buffer, which a message of a few KB does not fill), TLS with the host name
 * verified, {@code Content-Length} and chunked answers, and a kept-alive connection that the receiver closed while
 * it sat idle: such a request is written once more on a new connection, which can deliver the same notification
 * twice only if the receiver took it and closed without a word; the idempotency key tells that copy apart.
 */
public final class PostClient implements AutoCloseable {
    /** Enough of a receiver's answer to say why it refused, and no more. */
    static final int KEPT_BYTES = 300;
    /** An answer body longer than this is not read to its end: the connection is closed instead. */
    private static final int MOST_DRAINED = 64 * 1024;
    /** Receivers commonly drop an idle connection after 5 to 75 s; one idle longer than this is not tried. */
    private static final long IDLE_NANOS = Duration.ofSeconds(30).toNanos();
    /**
     * Idle connections kept per receiver: as many as the outbox sends at once, so a burst of pages to one receiver
     * reuses its connections instead of closing most as they come back and opening new ones for the next pages.
     * None stays idle longer than {@link #IDLE_NANOS}.
     */
    private static final int IDLE_PER_RECEIVER = 256;

    private final Duration connectTimeout;
    private final SSLSocketFactory tls;
    private final Map<Origin, Idle> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public PostClient(Duration connectTimeout) {
        this(connectTimeout, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** @param tls the TLS sockets to use: the JDK's default trust store, or a test's own */
    public PostClient(Duration connectTimeout, SSLSocketFactory tls) {
        this.connectTimeout = connectTimeout;
        this.tls = tls;
    }

    /** The status of a receiver's answer and its body's first bytes, as text. */
    public record Answer(int status, String firstBytes) {}

    /**
     * Posts {@code body} to {@code uri} and waits at most {@code timeout} for the whole answer.
     *
     * @throws SocketTimeoutException when the receiver did not connect or answer in time
     * @throws IOException when the connection failed; a refused one is a {@link java.net.ConnectException}, a TLS
     *     failure an {@link javax.net.ssl.SSLException}
     * @throws IllegalArgumentException when a header cannot be sent (a line break in a value, say)
     */
    public Answer post(URI uri, String contentType, byte[] body, Map<String, String> headers, Duration timeout)
            throws IOException {
        if (closed) {
            throw new IOException("the client is closed");
        }
        Origin origin = Origin.of(uri);
        byte[] request = request(uri, origin, contentType, body, headers);
        long deadline = System.nanoTime() + timeout.toNanos();
        Connection reused = takeIdle(origin);
        if (reused != null) {
            try {
                return exchange(reused, origin, request, deadline);
            } catch (SocketTimeoutException slow) {
                throw slow;
            } catch (IOException stale) {
                if (reused.answered) {
                    throw stale;
                }
                // The receiver closed the connection while it sat idle: nothing of an answer came back.
            }
        }
        return exchange(open(origin, deadline), origin, request, deadline);
    }

    private Answer exchange(Connection connection, Origin origin, byte[] request, long deadline) throws IOException {
        boolean keep = false;
        try {
            connection.answered = false;
            connection.out.write(request);
            connection.out.flush();
            Reply reply = read(connection, deadline);
            keep = reply.reusable();
            return new Answer(reply.status(), reply.firstBytes());
        } finally {
            if (keep) {
                giveBack(origin, connection);
            } else {
                connection.close();
            }
        }
    }

    private record Reply(int status, String firstBytes, boolean reusable) {}

    private static Reply read(Connection c, long deadline) throws IOException {
        while (true) {
            String statusLine = c.line(deadline);
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("the receiver did not answer in HTTP/1.1");
            }
            int status = status(statusLine);
            boolean http10 = statusLine.startsWith("HTTP/1.0");
            long length = -1;
            boolean chunked = false;
            boolean close = http10;
            for (String header = c.line(deadline); !header.isEmpty(); header = c.line(deadline)) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> length = length(value);
                    case "transfer-encoding" -> chunked = value.endsWith("chunked");
                    case "connection" -> close = value.contains("close") || (http10 && !value.contains("keep-alive"));
                    default -> {}
                }
            }
            if (status >= 100 && status < 200) {
                continue; // an interim answer (103 Early Hints, say); the real one follows
            }
            Body body = new Body();
            boolean ended;
            if (status == 204 || status == 304) {
                ended = true;
            } else if (chunked) {
                ended = chunks(c, body, deadline);
            } else if (length >= 0) {
                ended = body.take(c, length, deadline);
            } else {
                body.untilClosed(c, deadline);
                ended = false; // the body ended when the receiver closed
            }
            return new Reply(status, body.text(), ended && !close);
        }
    }

    /** Reads a chunked body; false when it was longer than is worth draining. */
    private static boolean chunks(Connection c, Body body, long deadline) throws IOException {
        while (true) {
            String size = c.line(deadline);
            int semicolon = size.indexOf(';');
            long length;
            try {
                length = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("the receiver's chunked answer is malformed");
            }
            if (length == 0) {
                for (String trailer = c.line(deadline); !trailer.isEmpty(); trailer = c.line(deadline)) {
                    // trailers say nothing a page needs
                }
                return true;
            }
            if (!body.take(c, length, deadline)) {
                return false;
            }
            c.line(deadline); // the line break after the chunk
        }
    }

    /** The answer's first bytes kept, the rest counted and dropped. */
    private static final class Body {
        private final byte[] kept = new byte[KEPT_BYTES];
        private int keptLength;
        private long drained;

        /** Reads {@code length} bytes; false, having read none of them, when that would drain too much. */
        boolean take(Connection c, long length, long deadline) throws IOException {
            if (drained + length > MOST_DRAINED) {
                int room = KEPT_BYTES - keptLength;
                keptLength += c.buffered(kept, keptLength, (int) Math.min(room, length));
                return false;
            }
            for (long left = length; left > 0; ) {
                int room = KEPT_BYTES - keptLength;
                if (room > 0) {
                    int n = c.read(kept, keptLength, (int) Math.min(room, left), deadline);
                    keptLength += n;
                    left -= n;
                } else {
                    left -= c.skip(left, deadline);
                }
            }
            drained += length;
            return true;
        }

        /** Reads a body that ends where the receiver closes the connection, up to what is worth draining. */
        void untilClosed(Connection c, long deadline) throws IOException {
            while (drained < MOST_DRAINED && c.more(deadline)) {
                int n = c.buffered(kept, keptLength, KEPT_BYTES - keptLength);
                keptLength += n;
                drained += n + c.dropBuffered(MOST_DRAINED - drained - n);
            }
        }

        String text() {
            return new String(kept, 0, keptLength, StandardCharsets.UTF_8);
        }
    }

    private static int status(String statusLine) throws IOException {
        try {
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("the receiver's answer has no status code");
        }
    }

    private static long length(String value) throws IOException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IOException("the receiver's Content-Length is not a number");
        }
    }

    /** The request line, the headers and the body, to be written in one go. */
    private static byte[] request(
            URI uri, Origin origin, String contentType, byte[] body, Map<String, String> headers) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder head = new StringBuilder(256)
                .append("POST ")
                .append(path)
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                .append(" HTTP/1.1\r\nHost: ")
                .append(origin.hostHeader())
                .append("\r\nUser-Agent: Firewatch\r\nContent-Type: ")
                .append(contentType)
                .append("\r\nContent-Length: ")
                .append(body.length)
                .append("\r\n");
        headers.forEach((name, value) -> head.append(checked(name, value)).append("\r\n"));
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[start.length + body.length];
        System.arraycopy(start, 0, request, 0, start.length);
        System.arraycopy(body, 0, request, start.length, body.length);
        return request;
    }

    /** A header line, refused when its value would end the line early or is not plain ASCII. */
    private static String checked(String name, String value) {
        if (name.isEmpty() || !name.chars().allMatch(ch -> ch > 32 && ch < 127 && ch != ':')) {
            throw new IllegalArgumentException("the header name \"" + name + "\" is not a valid HTTP header name");
        }
        if (!value.chars().allMatch(ch -> ch == '\t' || (ch >= 32 && ch < 127))) {
            throw new IllegalArgumentException("the " + name + " header holds a line break or a non-ASCII character");
        }
        return name + ": " + value;
    }

    private Connection open(Origin origin, long deadline) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true); // the request is one write; never wait for an acknowledgement to send it
            socket.connect(new InetSocketAddress(origin.host(), origin.port()), Math.min(millisLeft(deadline), (int)
                    Math.min(Integer.MAX_VALUE, connectTimeout.toMillis())));
            if (!origin.secure()) {
                return new Connection(socket);
            }
            SSLSocket secured = (SSLSocket) tls.createSocket(socket, origin.host(), origin.port(), true);
            SSLParameters parameters = secured.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            secured.setSSLParameters(parameters);
            secured.setSoTimeout(millisLeft(deadline));
            secured.startHandshake();
            return new Connection(secured);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private Connection takeIdle(Origin origin) {
        Idle connections = idle.get(origin);
        if (connections == null) {
            return null;
        }
        long now = System.nanoTime();
        for (Connection c = connections.take(); c != null; c = connections.take()) {
            if (now - c.idleSince < IDLE_NANOS && !c.socket.isClosed()) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private void giveBack(Origin origin, Connection connection) {
        Idle connections = idle.computeIfAbsent(origin, o -> new Idle());
        connection.idleSince = System.nanoTime();
        connections.put(connection);
        Connection oldest = connections.connections.peekLast();
        if (connections.count.get() > IDLE_PER_RECEIVER
                || (oldest != null && connection.idleSince - oldest.idleSince > IDLE_NANOS)) {
            Connection dropped = connections.takeOldest();
            if (dropped != null) {
                dropped.close();
            }
        }
        if (closed) {
            close();
        }
    }

    /** Closes the idle connections; a post after this fails. */
    @Override
    public void close() {
        closed = true;
        idle.values().forEach(connections -> {
            for (Connection c = connections.take(); c != null; c = connections.take()) {
                c.close();
            }
        });
    }

    /**
     * One receiver's idle connections, newest first, so the warm ones are used and the oldest age out at the back;
     * counted apart, since a concurrent deque counts by walking it.
     */
    private static final class Idle {
        final Deque<Connection> connections = new ConcurrentLinkedDeque<>();
        final AtomicInteger count = new AtomicInteger();

        void put(Connection c) {
            connections.offerFirst(c);
            count.incrementAndGet();
        }

        Connection take() {
            return counted(connections.pollFirst());
        }

        Connection takeOldest() {
            return counted(connections.pollLast());
        }

        private Connection counted(Connection c) {
            if (c != null) {
                count.decrementAndGet();
            }
            return c;
        }
    }

    private static int millisLeft(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("no time left");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** Where connections go, and which of them can be shared. */
    private record Origin(boolean secure, String host, int port, String hostHeader) {
        static Origin of(URI uri) {
            boolean secure = "https".equalsIgnoreCase(uri.getScheme());
            String host = uri.getHost();
            int port = uri.getPort() == -1 ? (secure ? 443 : 80) : uri.getPort();
            return new Origin(secure, host, port, uri.getPort() == -1 ? host : host + ":" + uri.getPort());
        }
    }

    /** One kept-alive socket with its own read buffer, so an answer's lines are read without a byte per call. */
    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final byte[] buffer = new byte[4096];
        int position;
        int limit;
        long idleSince;
        /** Whether any of an answer came back on it, after which a failure is not a stale connection. */
        boolean answered;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** One line of the answer's head, without its line break; at most the buffer's length. */
        String line(long deadline) throws IOException {
            StringBuilder line = null;
            while (true) {
                for (int i = position; i < limit; i++) {
                    if (buffer[i] == '\n') {
                        int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                        String text = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                        position = i + 1;
                        return line == null ? text : line.append(text).toString();
                    }
                }
                if (line == null) {
                    line = new StringBuilder();
                } else if (line.length() > buffer.length) {
                    throw new IOException("a line of the receiver's answer is too long");
                }
                line.append(new String(buffer, position, limit - position, StandardCharsets.ISO_8859_1));
                position = limit;
                fill(deadline);
            }
        }

        int read(byte[] into, int offset, int length, long deadline) throws IOException {
            if (position == limit) {
                fill(deadline);
            }
            int n = Math.min(length, limit - position);
            System.arraycopy(buffer, position, into, offset, n);
            position += n;
            return n;
        }

        /** Copies what is in the buffer already, up to {@code length}, without waiting for more. */
        int buffered(byte[] into, int offset, int length) {
            int n = Math.min(length, limit - position);
            System.arraycopy(buffer, position, into, offset, n);
            position += n;
            return n;
        }

        long skip(long length, long deadline) throws IOException {
            if (position == limit) {
                fill(deadline);
            }
            return dropBuffered(length);
        }

        /** Drops what is in the buffer already, up to {@code length}, without waiting for more. */
        int dropBuffered(long length) {
            int n = (int) Math.min(length, limit - position);
            position += n;
            return n;
        }

        /** Whether more of the answer is buffered or came; false where the receiver closed the connection. */
        boolean more(long deadline) throws IOException {
            if (position < limit) {
                return true;
            }
            socket.setSoTimeout(millisLeft(deadline));
            int n = in.read(buffer);
            if (n < 0) {
                return false;
            }
            answered = true;
            position = 0;
            limit = n;
            return true;
        }

        private void fill(long deadline) throws IOException {
            if (!more(deadline)) {
                throw new IOException("the receiver closed the connection before its answer ended");
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that was wanted
            }
        }
    }
}
