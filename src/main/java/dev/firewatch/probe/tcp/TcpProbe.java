package dev.firewatch.probe.tcp;

import dev.firewatch.probe.Observation;
import dev.firewatch.probe.ProbeSpec;
import dev.firewatch.probe.dns.DnsProbe;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** Opens a TCP connection and closes it: the check passes when the port accepts within the timeout. */
public final class TcpProbe {
    public Observation observe(ProbeSpec.Tcp spec, Duration timeout, Instant at) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        try (Socket socket = connect(spec.host(), spec.port(), timeout, deadline)) {
            return observation(at, started, Optional.empty(), socket.isConnected());
        } catch (Unreached e) {
            return observation(at, started, Optional.of(e.getMessage()), false);
        } catch (IOException e) {
            return observation(at, started, Optional.of(e.getMessage()), true);
        }
    }

    /**
     * A connected socket to {@code host:port}: the name looked up and the connection opened before the deadline.
     *
     * @throws Unreached when no connection could be made (unknown host, refused, no route, timed out), which the
     *     runtime tells apart from a target that answered wrongly
     */
    public static Socket connect(String host, int port, Duration timeout, long deadlineNanos) throws Unreached {
        String target = host + ":" + port;
        InetAddress address;
        try {
            address = DnsProbe.resolve(host, timeout)[0];
        } catch (UnknownHostException e) {
            throw new Unreached("unknown host " + host);
        } catch (TimeoutException e) {
            throw new Unreached("no address for " + host + " within " + DnsProbe.shown(timeout));
        }
        Socket socket = new Socket();
        try {
            int left = (int) Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
            socket.connect(new InetSocketAddress(address, port), left);
            return socket;
        } catch (ConnectException e) {
            close(socket);
            throw new Unreached("connection refused by " + target);
        } catch (NoRouteToHostException e) {
            close(socket);
            throw new Unreached("no route to " + target);
        } catch (SocketTimeoutException e) {
            close(socket);
            throw new Unreached("no connection to " + target + " within " + DnsProbe.shown(timeout));
        } catch (IOException | RuntimeException e) {
            close(socket);
            throw new Unreached("cannot connect to " + target + ": " + e.getMessage());
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // it never connected; nothing to release
        }
    }

    private static Observation observation(Instant at, long started, Optional<String> error, boolean reached) {
        return new Observation(
                at,
                Duration.ofNanos(System.nanoTime() - started),
                error,
                reached,
                Optional.empty(),
                Map.<String, List<String>>of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** No connection at all; the message says why, naming the target. */
    public static final class Unreached extends IOException {
        private static final long serialVersionUID = 1L;

        public Unreached(String message) {
            super(message);
        }
    }
}
