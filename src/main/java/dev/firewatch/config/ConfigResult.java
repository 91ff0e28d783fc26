package dev.firewatch.config;

import java.util.List;

/** What loading a config file gave: a config to run with, or the reasons there is none. */
public sealed interface ConfigResult permits ConfigResult.Loaded, ConfigResult.Invalid {

    /** Things that do not stop the config from loading but that the operator should see. */
    List<ConfigProblem> warnings();

    record Loaded(FirewatchConfig config, List<ConfigProblem> warnings) implements ConfigResult {
        public Loaded {
            warnings = List.copyOf(warnings);
        }
    }

    /** Every error in the file, in file order; never empty. */
    record Invalid(List<ConfigProblem> errors, List<ConfigProblem> warnings) implements ConfigResult {
        public Invalid {
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an Invalid result needs at least one error; use Loaded");
            }
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }
    }
}
