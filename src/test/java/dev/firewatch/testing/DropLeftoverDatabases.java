package dev.firewatch.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Drops the PostgreSQL databases tests created and did not drop, once the test run ends, whether its tests passed
 * or failed. Registered in {@code META-INF/services}, so every run has it (Maven, an IDE) and no test class can
 * forget it.
 */
public final class DropLeftoverDatabases implements LauncherSessionListener {
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        PostgresDatabases.dropLeftovers();
    }
}
