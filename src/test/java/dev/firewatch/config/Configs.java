package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Shorthand for tests: parse a text as if it were firewatch.yaml and look at what came back. */
final class Configs {
    static final Path FILE = Path.of("firewatch.yaml");

    private Configs() {}

    static ConfigResult parse(String yaml) {
        return parse(yaml, Map.of());
    }

    static ConfigResult parse(String yaml, Map<String, String> environment) {
        return new ConfigLoader(environment).parse(yaml, FILE);
    }

    static FirewatchConfig loaded(ConfigResult result) {
        assertThat(result)
                .as("expected the config to load, but it has errors:%n%s", lines(result))
                .isInstanceOf(ConfigResult.Loaded.class);
        return ((ConfigResult.Loaded) result).config();
    }

    static List<ConfigProblem> errors(ConfigResult result) {
        assertThat(result).as("expected errors, but the config loaded").isInstanceOf(ConfigResult.Invalid.class);
        return ((ConfigResult.Invalid) result).errors();
    }

    /** Every error and warning as check-config prints it, one per line. */
    static List<String> lines(ConfigResult result) {
        var errors = result instanceof ConfigResult.Invalid invalid ? invalid.errors() : List.<ConfigProblem>of();
        return java.util.stream.Stream.concat(errors.stream(), result.warnings().stream())
                .map(ConfigProblem::toString)
                .toList();
    }
}
