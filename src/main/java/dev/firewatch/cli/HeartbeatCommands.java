package dev.firewatch.cli;

import dev.firewatch.app.AdminTools;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code heartbeats}. */
final class HeartbeatCommands {
    private HeartbeatCommands() {}

    @Command(
            name = "heartbeats",
            description = "List heartbeats: status, last ping, when the next is due, and the URL to ping.")
    static final class ListHeartbeats implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            try (AdminTools tools = options.open()) {
                output.print(
                        System.out,
                        tools.heartbeats(),
                        "heartbeats",
                        new String[] {"NAME", "SERVICE", "STATUS", "SCHEDULE", "LAST PING", "NEXT DUE", "PING URL"},
                        h -> new String[] {
                            Output.cell(h.get("name")),
                            Output.cell(h.get("service")),
                            Output.cell(h.get("status")),
                            Output.cell(h.get("schedule")),
                            Output.cell(h.get("last_ping_at")),
                            Output.cell(h.get("expected_at")),
                            Output.cell(h.get("ping_url"))
                        });
                return 0;
            }
        }
    }
}
