package dev.firewatch.alert;

import java.util.List;
import java.util.Optional;

/**
 * {@code routes:} from the config: which service an alert belongs to, decided by its labels.
 *
 * <p>The spec records of {@code alert}'s sub-packages live here, in the feature's root, because the config
 * builds them and only the root of a feature is open to other features (the architecture test keeps it so);
 * {@code app} turns them into a {@code RouteTree}, {@code InhibitRules} and {@code MaintenanceWindows}.
 *
 * @param defaultService where an alert that no route matches goes; empty: its integration key's service
 * @param tree the top-level routes, tried in order
 */
public record RoutesSpec(Optional<String> defaultService, List<RouteSpec> tree) {
    public static final RoutesSpec NONE = new RoutesSpec(Optional.empty(), List.of());

    public RoutesSpec {
        tree = List.copyOf(tree);
    }
}
