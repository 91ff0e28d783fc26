package dev.firewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.alert.AlertState;
import dev.firewatch.alert.Labels;
import dev.firewatch.alert.Parsed;
import dev.firewatch.app.AdminTools;
import dev.firewatch.auth.Actor;
import dev.firewatch.config.FirewatchConfig;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alerts}, {@code silence add|list|expire}, {@code route test}. */
final class AlertCommands {
    private AlertCommands() {}

    static Actor actor() {
        return new Actor("cli:" + System.getProperty("user.name", "unknown"), null);
    }

    @Command(name = "alerts", description = "List alerts, newest first (firing unless --state says otherwise).")
    static final class ListAlerts implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        Output output;

        @Option(names = "--state", defaultValue = "firing", description = "Comma-separated: firing, resolved.")
        String state;

        @Option(names = "--service", description = "Only this service.")
        String service;

        @Option(names = "--limit", defaultValue = "100", description = "1 to 1000.")
        int limit;

        @Override
        public Integer call() {
            Set<AlertState> states = Filter.states(state, AlertState.class, AlertState::parse, AlertState::wireName);
            try (AdminTools tools = options.open()) {
                JsonNode body = tools.alerts(states, service, Filter.limit(limit));
                output.print(
                        System.out,
                        body,
                        "alerts",
                        new String[] {"STATE", "SEVERITY", "SERVICE", "SEEN", "LAST SEEN", "HELD BY", "SUMMARY"},
                        a -> new String[] {
                            Output.cell(a.get("state")),
                            Output.cell(a.get("severity")),
                            Output.cell(a.get("service")),
                            Output.cell(a.get("count")) + "×",
                            Output.cell(a.get("last_seen_at")),
                            Output.cell(a.get("suppressed_by")),
                            Output.cell(a.get("summary"))
                        });
                return 0;
            }
        }
    }

    @Command(
            name = "silence",
            description = "Silence alerts: kept and shown, but no incident and no page.",
            subcommands = {SilenceAdd.class, SilenceList.class, SilenceExpire.class})
    static final class Silence extends CommandGroup {}

    @Command(
            name = "add",
            description =
                    "Make a silence, e.g. --matchers 'alertname=\"DiskFull\", instance=~\"web-.*\"' --for 2h --comment \"replacing disk\"")
    static final class SilenceAdd implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        Output output;

        @Option(
                names = "--matchers",
                required = true,
                description = "Alertmanager's form: name=\"value\", name=~\"regex\", name!=\"v\".")
        String matchers;

        @Option(names = "--for", description = "How long: 30m, 2h, 1d.")
        String duration;

        @Option(names = "--until", description = "Until an RFC 3339 time, instead of --for.")
        String until;

        @Option(names = "--comment", required = true, description = "Why, so the next person knows whether it can go.")
        String comment;

        @Override
        public Integer call() {
            if (until == null && duration == null) {
                throw new Filter.BadOption("say how long: --for 2h, or --until 2026-11-23T06:00:00Z");
            }
            Instant end = until != null
                    ? Filter.time("--until", until)
                    : Instant.now().plus(Filter.duration("--for", duration));
            try (AdminTools tools = options.open()) {
                JsonNode silence = tools.silence(actor(), matchers, null, end, comment);
                System.out.println("json".equals(output.format) ? silence.toString() : Output.cell(silence.get("id")));
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("silence refused:\n  " + e.getMessage().replace("\n", "\n  "));
                return 1;
            }
        }
    }

    @Command(name = "list", description = "List silences, newest first.")
    static final class SilenceList implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            try (AdminTools tools = options.open()) {
                output.print(
                        System.out,
                        tools.silences(),
                        "silences",
                        new String[] {"ID", "STATE", "ENDS", "BY", "MATCHERS", "COMMENT"},
                        s -> new String[] {
                            Output.cell(s.get("id")), Output.cell(s.get("state")), Output.cell(s.get("ends_at")),
                            Output.cell(s.get("created_by")), Output.cell(s.get("matchers")),
                                    Output.cell(s.get("comment"))
                        });
                return 0;
            }
        }
    }

    @Command(name = "expire", description = "End a silence now.")
    static final class SilenceExpire implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            try (AdminTools tools = options.open()) {
                JsonNode silence = tools.expireSilence(actor(), id);
                System.out.println("expired " + Output.cell(silence.get("id")) + " ("
                        + Output.cell(silence.get("matchers")) + ")");
                return 0;
            } catch (NoSuchElementException e) {
                System.err.println(e.getMessage() + "; `bin/firewatch silence list` lists them");
                return 1;
            }
        }
    }

    @Command(
            name = "route",
            description = "Try the routing tree.",
            subcommands = {RouteTest.class})
    static final class Route extends CommandGroup {}

    @Command(name = "test", description = "Print where an alert with these labels would go, and why.")
    static final class RouteTest implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Option(names = "--labels", required = true, description = "k=v,k2=\"a,b\"")
        String labels;

        @Option(
                names = "--service",
                description = "The service whose integration key the alert comes with (default: the first service).")
        String service;

        @Override
        public Integer call() {
            Map<String, String> parsed =
                    switch (Labels.parse(labels)) {
                        case Parsed.Ok<Map<String, String>> ok -> ok.value();
                        case Parsed.Failed<Map<String, String>> failed -> {
                            System.err.println(
                                    "--labels, at column " + (failed.offset() + 1) + ": " + failed.message());
                            yield null;
                        }
                    };
            if (parsed == null) {
                return 2;
            }
            FirewatchConfig config = options.load(System.err);
            if (config == null) {
                return 2;
            }
            String from = service != null
                    ? service
                    : config.services().isEmpty()
                            ? ""
                            : config.services().getFirst().name();
            try (AdminTools tools = AdminTools.open(config, options.data)) {
                tools.routeTest(parsed, from).forEach(System.out::println);
                return 0;
            }
        }
    }
}
