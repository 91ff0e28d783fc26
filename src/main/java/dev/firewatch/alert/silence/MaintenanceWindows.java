package dev.firewatch.alert.silence;

import dev.firewatch.alert.MaintenanceSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every maintenance window from the config; asks which one, if any, holds a service's alerts at a moment. */
public final class MaintenanceWindows {
    private final List<MaintenanceWindow> windows;

    public MaintenanceWindows(List<MaintenanceSpec> specs) {
        this.windows = specs.stream().map(MaintenanceWindow::new).toList();
    }

    /** The first window of {@code service} open at {@code at}, in config order. */
    public Optional<MaintenanceWindow> covering(String service, Instant at) {
        return windows.stream()
                .filter(window -> window.service().equals(service) && window.covers(at))
                .findFirst();
    }
}
