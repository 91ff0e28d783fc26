package dev.firewatch.cli;

import dev.firewatch.app.AdminTools;
import dev.firewatch.escalation.Urgency;
import dev.firewatch.paging.DeadEnd;
import dev.firewatch.paging.DryRunConfig;
import dev.firewatch.paging.DryRunTimes;
import dev.firewatch.paging.DryRunView;
import dev.firewatch.paging.DryRunWalk;
import dev.firewatch.web.Json;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code page dry-run}: pre-flight for paging, from the shell and for scripts. */
final class PageCommands {
    private PageCommands() {}

    @Command(
            name = "page",
            description = "Paging, tried without paging anyone.",
            subcommands = {DryRunCommand.class})
    static final class PageCommand extends CommandGroup {}

    @Command(
            name = "dry-run",
            mixinStandardHelpOptions = true,
            description = {
                "Who would be paged for an incident opened at --at if nobody answered: each step of the service's"
                        + " escalation policy, whom it reaches (schedules with their overrides from the store, so"
                        + " it works beside a running server), through which contact method and when, and every"
                        + " dead end on the way. Sends nothing.",
                "Example: page dry-run --service api --severity SEV1 --at 2026-11-23T03:00"
            },
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:step 1 reaches someone: a person through a contact method that can send, or a channel that is"
                        + " on",
                "1:step 1 reaches nobody: no policy, urgency none or post, or every target of step 1 is a dead end",
                "2:the config or an option is unusable"
            })
    static final class DryRunCommand implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        Output output;

        @Option(names = "--service", required = true, description = "The service whose incident it is.")
        String service;

        @Option(names = "--severity", required = true, description = "The incident's severity, like SEV1.")
        String severity;

        @Option(
                names = "--at",
                description = "When the incident opens: RFC 3339 (2026-11-23T03:00:00Z), or a date and time on the"
                        + " wall of the policy's first schedule's zone (2026-11-23T03:00). Default: now.")
        String at;

        @Override
        public Integer call() {
            try (AdminTools tools = options.open()) {
                DryRunConfig config = tools.dryRunConfig();
                config.unknownService(service).ifPresent(problem -> {
                    throw new Filter.BadOption("--service: " + problem);
                });
                config.unknownSeverity(severity).ifPresent(problem -> {
                    throw new Filter.BadOption("--severity: " + problem);
                });
                Instant openedAt = opening(config.zoneFor(service));
                DryRunWalk walk = tools.dryRun(service, severity, openedAt);
                if ("json".equals(output.format)) {
                    System.out.println(Json.mapper().valueToTree(DryRunView.of(walk)));
                } else {
                    print(walk, System.out);
                }
                return walk.reachedAtStepOne() ? 0 : 1;
            }
        }

        private Instant opening(ZoneId zone) {
            if (at == null) {
                return Instant.now();
            }
            try {
                return DryRunTimes.parse(at, zone);
            } catch (IllegalArgumentException e) {
                throw new Filter.BadOption("--at: " + e.getMessage());
            }
        }
    }

    /** The walk for people: the first round in full, what changes in later rounds, the dead ends, the verdict. */
    static void print(DryRunWalk walk, PrintStream out) {
        ZoneId zone = walk.zone();
        out.println("Dry run: a " + walk.severity() + " incident on " + walk.service() + ", opened "
                + DryRunTimes.full(walk.openedAt(), zone) + " (" + Json.time(walk.openedAt()) + ")");
        walk.policy().ifPresent(policy -> {
            out.println("Policy:  " + policy.name() + " (" + policy.origin() + "), " + policy.steps() + " "
                    + (policy.steps() == 1 ? "step" : "steps") + ", a round takes "
                    + DryRunTimes.length(policy.round()) + ", repeated " + policy.repeat() + " more "
                    + (policy.repeat() == 1 ? "time" : "times"));
            out.println("Urgency: " + urgency(walk));
        });
        if (!walk.told().isEmpty()) {
            out.println("Told of the opening besides the steps: "
                    + walk.told().stream()
                            .map(channel -> "channel " + channel.method() + deadEnd(channel.problem()))
                            .collect(java.util.stream.Collectors.joining(", ")));
        }
        if (!walk.rounds().isEmpty()) {
            out.println();
            walk.rounds().getFirst().steps().forEach(step -> printStep(step, zone, out));
            printLaterRounds(walk, out);
        }
        out.println();
        if (walk.deadEnds().isEmpty()) {
            out.println("Dead ends: none");
        } else {
            out.println("Dead ends (" + walk.deadEnds().size() + "):");
            for (DeadEnd deadEnd : walk.deadEnds()) {
                out.println("  DEAD END [" + deadEnd.kind().wireName() + "] " + deadEnd.message());
            }
        }
        out.println();
        out.println(verdict(walk));
    }

    private static String urgency(DryRunWalk walk) {
        return switch (walk.urgency()) {
            case Urgency.Page page ->
                page.level() == Urgency.Level.HIGH
                        ? "page (high urgency: each person's high rules)"
                        : "page_low (low urgency: each person's low rules)";
            case Urgency.Post post -> "post to " + post.channel() + " (pages no one)";
            case Urgency.Quiet quiet -> "none (notifies no one)";
        };
    }

    private static void printStep(DryRunWalk.Step step, ZoneId zone, PrintStream out) {
        out.println("step " + step.number() + " at " + DryRunTimes.offset(step.offset()) + ", "
                + DryRunTimes.when(step.at(), zone) + " (then waits " + DryRunTimes.length(step.waitAfter()) + ")");
        for (DryRunWalk.Recipient recipient : step.recipients()) {
            out.println("  " + target(recipient) + deadEnd(recipient.attempts().isEmpty() ? recipient.problem() : ""));
            for (DryRunWalk.Attempt attempt : recipient.attempts()) {
                out.println(String.format(
                        "    %-7s %s  %s%s",
                        DryRunTimes.offset(attempt.offset()),
                        DryRunTimes.when(attempt.at(), zone),
                        attempt.method() + (attempt.type().isEmpty() ? "" : " (" + attempt.type() + ")"),
                        deadEnd(attempt.problem())));
            }
        }
    }

    /** {@code schedule primary → alice (layer weekly, until Mon 30 Nov 09:00)}, {@code user bob}, {@code channel ops}. */
    private static String target(DryRunWalk.Recipient recipient) {
        return recipient.label() + (recipient.why().isEmpty() ? "" : " (" + recipient.why() + ")");
    }

    private static String deadEnd(String problem) {
        return problem.isEmpty() ? "" : "   DEAD END: " + problem;
    }

    /** The repeats in a line, and the rounds where a step reaches someone else than the round before. */
    private static void printLaterRounds(DryRunWalk walk, PrintStream out) {
        out.println(walk.repeats());
        List<DryRunWalk.Change> changes = walk.changes();
        if (walk.rounds().size() > 1) {
            out.println(changes.isEmpty() ? "Every round reaches the same people." : "Who is reached changes:");
        }
        changes.forEach(change -> out.println("  " + change.describe(walk.zone())));
    }

    private static String verdict(DryRunWalk walk) {
        if (walk.reachedAtStepOne()) {
            return "Step 1 reaches "
                    + walk.rounds().getFirst().steps().getFirst().reached() + " (exit code 0).";
        }
        return "Nobody is reached at step 1 (exit code 1).";
    }
}
