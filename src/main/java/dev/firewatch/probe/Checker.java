package dev.firewatch.probe;

/**
 * Runs one check of a monitor: its probe, then its conditions. Never throws for a failing target: a refused
 * connection, a timeout or a failed condition is a {@link ProbeResult} that did not pass.
 */
@FunctionalInterface
public interface Checker {
    ProbeResult check(MonitorSpec monitor);
}
