package dev.firewatch.probe.dns;

import dev.firewatch.probe.Observation;
import dev.firewatch.probe.ProbeSpec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Looks a name up through the system resolver, as every other program on the host would. {@link InetAddress}
 * takes no timeout, so the lookup runs on a virtual thread that is abandoned at the deadline. The JVM caches
 * answers (30 s for a found name, 10 s for a missing one), so a check may be answered from that cache.
 *
 * <p>The addresses go in the observation's body, separated by {@code ", "}: {@code [ADDRESSES]} reads them there.
 */
public final class DnsProbe {
    public Observation observe(ProbeSpec.Dns spec, Duration timeout, Instant at) {
        long started = System.nanoTime();
        try {
            InetAddress[] addresses = resolve(spec.host(), timeout);
            String body =
                    Arrays.stream(addresses).map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
            return observation(at, started, Optional.empty(), true, Optional.of(body));
        } catch (UnknownHostException e) {
            // The resolver answered that there is no such name, unless it could not be asked at all.
            boolean unasked = String.valueOf(e.getMessage()).contains("Temporary failure");
            return observation(
                    at,
                    started,
                    Optional.of(
                            unasked
                                    ? "the resolver could not be asked for " + spec.host()
                                    : "no such host " + spec.host()),
                    !unasked,
                    Optional.empty());
        } catch (TimeoutException e) {
            return observation(
                    at,
                    started,
                    Optional.of("no answer for " + spec.host() + " within " + shown(timeout)),
                    false,
                    Optional.empty());
        }
    }

    /**
     * The addresses of {@code host}, or an exception once {@code timeout} has passed; for the other probes, whose
     * own connect timeouts do not cover the lookup before it.
     */
    public static InetAddress[] resolve(String host, Duration timeout) throws UnknownHostException, TimeoutException {
        var answer = new CompletableFuture<InetAddress[]>();
        Thread lookup = Thread.ofVirtual().name("dns-" + host).start(() -> {
            try {
                answer.complete(InetAddress.getAllByName(host));
            } catch (UnknownHostException | RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            UnknownHostException wrapped =
                    new UnknownHostException(host + ": " + e.getCause().getMessage());
            wrapped.initCause(e.getCause());
            throw wrapped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lookup.interrupt();
            throw new TimeoutException("interrupted");
        } catch (TimeoutException e) {
            lookup.interrupt();
            throw e;
        }
    }

    /** {@code 10s}, or {@code 500ms} below a second. */
    public static String shown(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }

    private static Observation observation(
            Instant at, long started, Optional<String> error, boolean reached, Optional<String> body) {
        return new Observation(
                at,
                Duration.ofNanos(System.nanoTime() - started),
                error,
                reached,
                Optional.empty(),
                Map.<String, List<String>>of(),
                body,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
