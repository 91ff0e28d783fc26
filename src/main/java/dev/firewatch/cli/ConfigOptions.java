package dev.firewatch.cli;

import dev.firewatch.app.AdminTools;
import dev.firewatch.config.ConfigLoader;
import dev.firewatch.config.ConfigResult;
import dev.firewatch.config.FirewatchConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --data}, shared by every command that opens the store. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: ${DEFAULT-VALUE}).")
    Path config = Path.of("firewatch.yaml");

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Data directory for SQLite (default: ${DEFAULT-VALUE}).")
    Path data = Path.of("data");

    /** The loaded config, or null after printing every problem to {@code err}. */
    FirewatchConfig load(PrintStream err) {
        ConfigResult result = new ConfigLoader(System.getenv()).load(config);
        result.warnings().forEach(w -> err.println("warning: " + w));
        return switch (result) {
            case ConfigResult.Loaded loaded -> loaded.config();
            case ConfigResult.Invalid invalid -> {
                invalid.errors().forEach(err::println);
                err.println(invalid.errors().size() + (invalid.errors().size() == 1 ? " error" : " errors") + " in "
                        + config + "; run `bin/firewatch check-config " + config + "` after fixing them");
                yield null;
            }
        };
    }

    /** The config could not be used; its problems are printed already, so the command only exits 2. */
    static final class Unusable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unusable() {
            super("the config has errors", null, false, false);
        }
    }

    /** Loads the config and opens its store for a command, or throws {@link Unusable} after saying why. */
    AdminTools open() {
        FirewatchConfig loaded = load(System.err);
        if (loaded == null) {
            throw new Unusable();
        }
        return AdminTools.open(loaded, data);
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
