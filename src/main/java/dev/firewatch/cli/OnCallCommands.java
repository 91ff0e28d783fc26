package dev.firewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.app.AdminTools;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code oncall}, {@code shifts}, {@code override add|list|remove}. */
final class OnCallCommands {
    private static final String[] SHIFT_HEADINGS = {"SCHEDULE", "USER", "FROM", "UNTIL", "SOURCE"};

    private OnCallCommands() {}

    private static String[] shiftRow(JsonNode shift) {
        return new String[] {
            Output.cell(shift.get("schedule")),
            Output.cell(shift.get("user")),
            Output.cell(shift.get("start")),
            Output.cell(shift.get("end")),
            source(shift)
        };
    }

    /** Prints what {@code query} returns as a table of shifts, or JSON; 1 after saying a name is unknown. */
    private static int list(
            ConfigOptions options,
            Output output,
            Function<AdminTools, JsonNode> query,
            String things,
            Function<JsonNode, String[]> row) {
        try (AdminTools tools = options.open()) {
            output.print(System.out, query.apply(tools), things, SHIFT_HEADINGS, row);
            return 0;
        } catch (NoSuchElementException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    /** {@code layer weekly} or {@code override 01J...}. */
    private static String source(JsonNode shift) {
        return "override".equals(Output.cell(shift.get("source")))
                ? "override " + Output.cell(shift.get("override_id"))
                : "layer " + Output.cell(shift.get("layer"));
    }

    @Command(name = "oncall", description = "Who is on call now, or at --at, on every schedule or one.")
    static final class OnCall implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        Output output;

        @Parameters(index = "0", arity = "0..1", paramLabel = "SCHEDULE", description = "Only this schedule.")
        String schedule;

        @Option(names = "--at", description = "An RFC 3339 time (default: now).")
        String at;

        @Override
        public Integer call() {
            Instant when = at == null ? Instant.now() : Filter.time("--at", at);
            return list(
                    options,
                    output,
                    tools -> tools.onCall(Optional.ofNullable(schedule), when),
                    "on_call",
                    answer -> answer.path("on_call").isNull()
                            ? new String[] {Output.cell(answer.get("schedule")), "(nobody: a gap)", "", "", ""}
                            : shiftRow(answer.get("on_call")));
        }
    }

    @Command(name = "shifts", description = "The final shifts of a schedule, or of a person on every schedule.")
    static final class Shifts implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        Output output;

        @Option(names = "--schedule", description = "This schedule's shifts.")
        String schedule;

        @Option(names = "--user", description = "This person's shifts (on --schedule, or on every schedule).")
        String user;

        @Option(names = "--from", description = "An RFC 3339 time (default: now).")
        String from;

        @Option(names = "--for", defaultValue = "14d", description = "How far ahead: 12h, 7d (default: 14d).")
        String length;

        @Override
        public Integer call() {
            if (schedule == null && user == null) {
                throw new Filter.BadOption("say whose shifts: --schedule NAME, --user NAME, or both");
            }
            Instant start = from == null ? Instant.now() : Filter.time("--from", from);
            Duration ahead = Filter.duration("--for", length);
            return list(
                    options,
                    output,
                    tools -> tools.shifts(
                            Optional.ofNullable(schedule), Optional.ofNullable(user), start, start.plus(ahead)),
                    "shifts",
                    OnCallCommands::shiftRow);
        }
    }

    @Command(
            name = "override",
            description = "Put someone on call over a schedule's layers for a while.",
            subcommands = {OverrideAdd.class, OverrideList.class, OverrideRemove.class})
    static final class OverrideCommand extends CommandGroup {}

    @Command(
            name = "add",
            description =
                    "Make an override, e.g. --schedule primary --user bob --for 4h --reason \"alice at the dentist\"")
    static final class OverrideAdd implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        Output output;

        @Option(names = "--schedule", required = true)
        String schedule;

        @Option(names = "--user", required = true, description = "Who takes over.")
        String user;

        @Option(names = "--from", description = "An RFC 3339 time (default: now).")
        String from;

        @Option(names = "--for", description = "How long: 30m, 4h, 2d.")
        String length;

        @Option(names = "--until", description = "Until an RFC 3339 time, instead of --for.")
        String until;

        @Option(names = "--reason", defaultValue = "", description = "Why, for the people who look at the schedule.")
        String reason;

        @Override
        public Integer call() {
            if ((until == null) == (length == null)) {
                throw new Filter.BadOption("say how long: --for 4h, or --until 2026-11-23T18:00:00Z (one of them)");
            }
            Instant start = from == null ? Instant.now() : Filter.time("--from", from);
            Instant end = until != null ? Filter.time("--until", until) : start.plus(Filter.duration("--for", length));
            try (AdminTools tools = options.open()) {
                JsonNode override = tools.override(AlertCommands.actor(), schedule, user, start, end, reason);
                System.out.println(
                        "json".equals(output.format) ? override.toString() : Output.cell(override.get("id")));
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("override refused: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "list", description = "Overrides that have not ended, soonest first.")
    static final class OverrideList implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        Output output;

        @Option(names = "--schedule", description = "Only this schedule.")
        String schedule;

        @Override
        public Integer call() {
            try (AdminTools tools = options.open()) {
                output.print(
                        System.out,
                        tools.overrides(Optional.ofNullable(schedule)),
                        "overrides",
                        new String[] {"ID", "SCHEDULE", "USER", "FROM", "UNTIL", "BY", "REASON"},
                        o -> new String[] {
                            Output.cell(o.get("id")),
                            Output.cell(o.get("schedule")),
                            Output.cell(o.get("user")),
                            Output.cell(o.get("start")),
                            Output.cell(o.get("end")),
                            Output.cell(o.get("created_by")),
                            Output.cell(o.get("reason"))
                        });
                return 0;
            }
        }
    }

    @Command(name = "remove", description = "Remove an override; the layers decide again.")
    static final class OverrideRemove implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            try (AdminTools tools = options.open()) {
                JsonNode removed = tools.removeOverride(AlertCommands.actor(), id);
                System.out.println("removed " + Output.cell(removed.get("id")) + " (" + Output.cell(removed.get("user"))
                        + " on " + Output.cell(removed.get("schedule")) + ")");
                return 0;
            } catch (NoSuchElementException e) {
                System.err.println(e.getMessage() + "; `bin/firewatch override list` lists them");
                return 1;
            }
        }
    }
}
