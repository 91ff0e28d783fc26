package dev.firewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.app.AdminTools;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code logs rules}: the log rules, where each stands and its newest matching line. */
final class LogCommands {
    private LogCommands() {}

    @Command(
            name = "logs",
            description = "Log watchdogs: rules over the lines services send to POST /api/v1/logs.",
            subcommands = {Rules.class})
    static final class Logs extends CommandGroup {}

    @Command(name = "rules", description = "List the log rules with their state and newest matching line.")
    static final class Rules implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            try (AdminTools tools = options.open()) {
                JsonNode body = tools.logRules();
                output.print(
                        System.out,
                        body,
                        "rules",
                        new String[] {"NAME", "SERVICE", "KIND", "STATE", "DUE", "WHERE IT STANDS", "NEWEST MATCH"},
                        r -> new String[] {
                            Output.cell(r.get("name")),
                            Output.cell(r.get("service")),
                            Output.cell(r.get("kind")),
                            Output.cell(r.get("state")),
                            Output.cell(r.get("due_at")),
                            Output.cell(r.get("detail")),
                            r.path("recent_matches").isEmpty()
                                    ? ""
                                    : Output.cell(r.path("recent_matches")
                                            .get(r.path("recent_matches").size() - 1)
                                            .get("line"))
                        });
                return 0;
            }
        }
    }
}
