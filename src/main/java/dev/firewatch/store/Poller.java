package dev.firewatch.store;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that does whatever work the store holds now (journal rows, incident events, due alerts), then
 * waits: until woken after a commit that made new work, or until the next poll for work that no wake
 * announces (another node's commit, a deadline passing). A step that fails is logged and tried again a
 * second later, so a database that went away for a moment does not end the thread.
 */
public final class Poller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Poller.class);

    private final String name;
    private final Duration interval;
    private final Runnable step;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running = true;
    private Thread thread;

    /**
     * @param name the thread's name, shown in logs and profiles
     * @param step does everything there is to do now; it should check {@link #running()} in long loops
     */
    public Poller(String name, Duration interval, Runnable step) {
        this.name = name;
        this.interval = interval;
        this.step = step;
    }

    /** Starts the thread; call once the schema is in place. Later calls do nothing. */
    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().name(name).daemon().start(this::loop);
        }
    }

    /** New work was committed: do it now rather than at the next poll. */
    public void wake() {
        wake.release();
    }

    /** False once closing: long steps stop at their next row. */
    public boolean running() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                step.run();
                wake.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("{} failed; it tries again in a second", name, e);
                try {
                    wake.tryAcquire(1, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops after the current step, waiting a few seconds for it. */
    @Override
    public void close() {
        running = false;
        wake.release();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
