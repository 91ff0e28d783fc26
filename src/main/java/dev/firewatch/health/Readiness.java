package dev.firewatch.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every {@link Check} at once, each within a deadline, so one hung dependency makes {@code /readyz}
 * say so quickly instead of hanging the probe that asks.
 */
public final class Readiness implements AutoCloseable {
    /** The answer of {@code /readyz}: ready only when no check is failing (a degraded one is still ready). */
    public record Report(boolean ready, Map<String, Check.Result> checks) {
        public String status() {
            if (!ready) {
                return "not ready";
            }
            return checks.values().stream().anyMatch(Check.Result::degraded) ? "degraded" : "ok";
        }
    }

    private final List<Check> checks;
    private final Duration deadline;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public Readiness(List<Check> checks, Duration deadline) {
        this.checks = List.copyOf(checks);
        this.deadline = deadline;
    }

    public Report report() {
        Map<String, Future<Check.Result>> running = new LinkedHashMap<>();
        for (Check check : checks) {
            running.put(check.name(), executor.submit(check::run));
        }
        Map<String, Check.Result> results = new LinkedHashMap<>();
        long until = System.nanoTime() + deadline.toNanos();
        running.forEach((name, future) -> results.put(name, await(future, until)));
        boolean ready = results.values().stream().allMatch(Check.Result::ok);
        return new Report(ready, results);
    }

    private Check.Result await(Future<Check.Result> future, long untilNanos) {
        try {
            return future.get(Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return Check.Result.failing("no answer within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Check.Result.failing(String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.Result.failing("interrupted");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
