package dev.firewatch.cli;

import dev.firewatch.app.DryRunConfigs;
import dev.firewatch.config.ConfigLoader;
import dev.firewatch.config.ConfigResult;
import dev.firewatch.oncall.GapWarning;
import dev.firewatch.oncall.OnCallSchedule;
import dev.firewatch.paging.DeadEnds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "check-config",
        description = "Validate a config file and print every problem as file:line:column: message.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the file is valid (warnings may be printed)", "1:the file has errors"})
final class CheckConfigCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "FILE",
            defaultValue = "firewatch.yaml",
            description = "Config file to check.")
    Path file;

    @Override
    public Integer call() {
        ConfigResult result = new ConfigLoader(System.getenv()).load(file);
        result.warnings().forEach(w -> System.out.println("warning: " + w));
        return switch (result) {
            case ConfigResult.Loaded loaded -> {
                var config = loaded.config();
                // The layers alone: overrides live in the store, which checking a file never opens.
                Instant now = Instant.now();
                config.schedules().forEach(spec -> GapWarning.of(new OnCallSchedule(spec, List.of()), now)
                        .ifPresent(gap -> System.out.println("warning: " + spec.origin() + ": " + gap)));
                // Dead ends that hold whatever the time: `page dry-run` finds the ones that depend on it.
                new DeadEnds(DryRunConfigs.of(config))
                        .all()
                        .forEach(deadEnd -> System.out.println(
                                "warning: " + (deadEnd.origin().isEmpty() ? file + ": " : "") + deadEnd.located()));
                System.out.println(
                        file + ": ok (" + ConfigOptions.plural(config.services().size(), "service") + ", "
                                + ConfigOptions.plural(config.channels().size(), "channel") + ", "
                                + ConfigOptions.plural(config.users().size(), "user")
                                + detection(config) + ")");
                yield 0;
            }
            case ConfigResult.Invalid invalid -> {
                invalid.errors().forEach(System.out::println);
                System.out.println(
                        file + ": " + ConfigOptions.plural(invalid.errors().size(), "error"));
                yield 1;
            }
        };
    }

    /** What Firewatch watches by itself, when the file has any: ", 1 monitor, 2 heartbeats". */
    private static String detection(dev.firewatch.config.FirewatchConfig config) {
        StringBuilder counts = new StringBuilder();
        if (!config.monitors().isEmpty()) {
            counts.append(", ").append(ConfigOptions.plural(config.monitors().size(), "monitor"));
        }
        if (!config.heartbeats().isEmpty()) {
            counts.append(", ").append(ConfigOptions.plural(config.heartbeats().size(), "heartbeat"));
        }
        return counts.toString();
    }
}
