package dev.firewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.app.AdminTools;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code monitors}: what Firewatch's own checks say. */
final class MonitorCommands {
    private MonitorCommands() {}

    @Command(name = "monitors", description = "List monitors with their state, last result and uptime.")
    static final class ListMonitors implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        Output output;

        @Option(names = "--limit", defaultValue = "1000", description = "1 to 1000.")
        int limit;

        @Override
        public Integer call() {
            try (AdminTools tools = options.open()) {
                JsonNode body = tools.monitors(Filter.limit(limit));
                output.print(
                        System.out,
                        body,
                        "monitors",
                        new String[] {"NAME", "STATE", "SINCE", "SERVICE", "KIND", "LAST", "UPTIME 24H", "7D", "30D"},
                        m -> new String[] {
                            Output.cell(m.get("name")),
                            Output.cell(m.get("state")) + (m.path("flapping").asBoolean() ? " (flapping)" : ""),
                            Output.cell(m.get("since")),
                            Output.cell(m.get("service")),
                            Output.cell(m.get("kind")),
                            last(m.get("last_result")),
                            percent(m.path("uptime").get("24h")),
                            percent(m.path("uptime").get("7d")),
                            percent(m.path("uptime").get("30d"))
                        });
                return 0;
            }
        }

        private static String last(JsonNode result) {
            if (result == null || result.isNull()) {
                return "-";
            }
            return result.path("passed").asBoolean()
                    ? "passed " + result.path("response_time_ms").asLong() + " ms"
                    : "failed: " + Output.cell(result.get("failure"));
        }

        private static String percent(JsonNode value) {
            return value == null || value.isNull()
                    ? "-"
                    : String.format(java.util.Locale.ROOT, "%.2f%%", value.asDouble());
        }
    }
}
