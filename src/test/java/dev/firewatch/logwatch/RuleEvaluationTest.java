package dev.firewatch.logwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.firewatch.alert.Matchers;
import dev.firewatch.alert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three rule kinds as pure functions of their state, the lines that matched and the time: a fixed clock, no
 * store. Each case feeds lines at offsets from 03:00:12 and looks at the rule at the end.
 */
class RuleEvaluationTest {
    static final Instant T0 = Instant.parse("2026-11-23T03:00:12Z");

    static final LogRuleSpec DB_ERRORS =
            rule("db-errors", new LogRuleSpec.Rate(Pattern.compile("OperationalError|status=5\\d\\d"), 20, min(5)));
    static final LogRuleSpec INTEGRITY = rule(
            "integrity-check",
            new LogRuleSpec.Sequence(
                    Pattern.compile("running integrity_check"),
                    List.of(Pattern.compile("integrity_check ok"), Pattern.compile("integrity_check skip")),
                    min(5)));
    static final LogRuleSpec HEARTBEAT =
            rule("heartbeat", new LogRuleSpec.Absence(Pattern.compile("heartbeat ok"), min(10)));

    /** Lines at one moment, or a look at the rule with no line (a deadline the scheduler claims). */
    record Step(Duration at, List<String> lines) {}

    static Step at(Duration offset, String... lines) {
        return new Step(offset, List.of(lines));
    }

    static Step look(Duration offset) {
        return new Step(offset, List.of());
    }

    static Step many(Duration offset, int count, String line) {
        return new Step(offset, java.util.Collections.nCopies(count, line));
    }

    /** Runs the steps in order; returns every change, each as "fired: ..." or "cleared: ...", and the last state. */
    static Run run(LogRuleSpec rule, Step... steps) {
        RuleState state = null;
        Evaluation last = null;
        List<String> changes = new ArrayList<>();
        for (Step step : steps) {
            Instant now = T0.plus(step.at());
            List<Hit> hits = new ArrayList<>();
            for (String text : step.lines()) {
                LogLine line = new LogLine(text, Map.of(), null);
                Hit.of(rule, line).ifPresent(role -> hits.add(new Hit(role, line)));
            }
            last = Evaluation.of(rule, state, hits, now);
            state = last.state();
            for (Change change : last.changes()) {
                changes.add((change instanceof Change.Fired ? "fired: " : "cleared: ") + change.text());
            }
        }
        return new Run(changes, last);
    }

    record Run(List<String> changes, Evaluation last) {}

    static Stream<Arguments> cases() {
        String fired = "fired: log rule db-errors: 21 lines matching OperationalError|status=5\\d\\d in 5m (threshold"
                + " 20)";
        String sequenceFired = "fired: log rule integrity-check: \"running integrity_check\" at 03:00:12 was not"
                + " followed by \"integrity_check ok|integrity_check skip\" within 5m";
        return Stream.of(
                arguments(
                        "twenty errors in five minutes are not more than twenty",
                        DB_ERRORS,
                        List.of(many(sec(0), 10, "OperationalError: db locked"), many(min(4), 10, "status=503")),
                        List.of()),
                arguments(
                        "the twenty-first error within five minutes fires",
                        DB_ERRORS,
                        List.of(many(sec(0), 20, "status=500 GET /"), at(min(4), "OperationalError")),
                        List.of(fired)),
                arguments(
                        "lines that do not match do not count",
                        DB_ERRORS,
                        List.of(many(sec(0), 50, "status=200 GET /"), many(sec(1), 20, "status=404")),
                        List.of()),
                arguments(
                        "errors spread wider than the window never add up",
                        DB_ERRORS,
                        List.of(
                                many(sec(0), 15, "status=502"),
                                many(min(5), 15, "status=502"),
                                many(min(10), 15, "status=502")),
                        List.of()),
                arguments(
                        "the window slides: once the burst leaves it, the rule clears",
                        DB_ERRORS,
                        List.of(many(sec(0), 21, "status=500"), at(min(1), "status=500"), look(min(5))),
                        List.of(
                                fired,
                                "cleared: 1 lines matching OperationalError|status=5\\d\\d in the last 5m,"
                                        + " not more than 20")),
                arguments(
                        "the window has not slid while the burst's five-second bucket is in it",
                        DB_ERRORS,
                        List.of(many(sec(0), 21, "status=500"), look(min(5).minusSeconds(3))),
                        List.of(fired)),
                arguments(
                        "a start with nothing after it for five minutes fires at exactly five minutes",
                        INTEGRITY,
                        List.of(
                                at(sec(0), "running integrity_check on main.db"),
                                look(min(5).minusMillis(1)),
                                look(min(5))),
                        List.of(sequenceFired)),
                arguments(
                        "integrity_check ok within five minutes does not fire",
                        INTEGRITY,
                        List.of(
                                at(sec(0), "running integrity_check on main.db"),
                                at(min(4), "integrity_check ok"),
                                look(min(10))),
                        List.of()),
                arguments(
                        "integrity_check skip also answers the start",
                        INTEGRITY,
                        List.of(
                                at(sec(0), "running integrity_check on main.db"),
                                at(min(2), "integrity_check skipped: db busy"),
                                look(min(10))),
                        List.of()),
                arguments(
                        "a start and its answer in one batch do not fire",
                        INTEGRITY,
                        List.of(at(sec(0), "running integrity_check", "integrity_check ok"), look(min(10))),
                        List.of()),
                arguments(
                        "the expected line arriving late clears the rule",
                        INTEGRITY,
                        List.of(at(sec(0), "running integrity_check"), look(min(5)), at(min(7), "integrity_check ok")),
                        List.of(
                                sequenceFired,
                                "cleared: \"integrity_check ok\" arrived at 03:07:12, after the start at 03:00:12")),
                arguments(
                        "an answer before the start does not count for it",
                        INTEGRITY,
                        List.of(at(sec(0), "integrity_check ok", "running integrity_check"), look(min(5))),
                        List.of(sequenceFired)),
                arguments(
                        "a boot loop that starts again and again fires once",
                        INTEGRITY,
                        List.of(
                                at(sec(0), "running integrity_check"),
                                at(min(1), "running integrity_check"),
                                look(min(5)),
                                at(min(7), "running integrity_check"),
                                look(min(20))),
                        List.of(sequenceFired)),
                arguments(
                        "no heartbeat for ten minutes after watching began fires",
                        HEARTBEAT,
                        List.of(look(sec(0)), look(min(10).minusMillis(1)), look(min(10))),
                        List.of("fired: log rule heartbeat: no line matching \"heartbeat ok\" for 10m (none since"
                                + " watching began at 03:00:12)")),
                arguments(
                        "a heartbeat every five minutes never fires",
                        HEARTBEAT,
                        List.of(
                                at(sec(0), "heartbeat ok"),
                                at(min(5), "heartbeat ok"),
                                at(min(10), "heartbeat ok"),
                                look(min(19))),
                        List.of()),
                arguments(
                        "the heartbeat that comes back clears the rule",
                        HEARTBEAT,
                        List.of(at(sec(0), "heartbeat ok"), look(min(10)), at(min(12), "heartbeat ok")),
                        List.of(
                                "fired: log rule heartbeat: no line matching \"heartbeat ok\" for 10m (the last at"
                                        + " 03:00:12)",
                                "cleared: \"heartbeat ok\" arrived at 03:12:12")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String sentence, LogRuleSpec rule, List<Step> steps, List<String> expected) {
        assertThat(run(rule, steps.toArray(Step[]::new)).changes()).containsExactlyElementsOf(expected);
    }

    @Test
    void aSequenceIsDueAtItsOldestStartsDeadline() {
        var run = run(INTEGRITY, at(sec(0), "running integrity_check"), at(min(1), "running integrity_check"));

        assertThat(run.last().dueAt()).isEqualTo(T0.plus(min(5)));
    }

    @Test
    void aFiringRateRuleIsDueWhenItsOldestBucketLeavesTheWindow() {
        var run = run(DB_ERRORS, many(sec(0), 21, "status=500"));

        // Buckets are five seconds wide for a five-minute window; 03:00:12 falls in the bucket from 03:00:10.
        assertThat(run.last().dueAt()).isEqualTo(Instant.parse("2026-11-23T03:05:10Z"));
        assertThat(((RateWindow) run.last().state()).count((LogRuleSpec.Rate) DB_ERRORS.kind(), T0))
                .isEqualTo(21);
    }

    @Test
    void aQuietRateRuleWaitsForNothing() {
        assertThat(run(DB_ERRORS, at(sec(0), "status=500")).last().dueAt()).isNull();
    }

    @Test
    void anAbsenceIsDueTheWindowAfterTheLastLine() {
        var run = run(HEARTBEAT, look(sec(0)), at(min(3), "heartbeat ok"));

        assertThat(run.last().dueAt()).isEqualTo(T0.plus(min(13)));
    }

    @Test
    void aRuleReadsOnlyLinesWithItsLabels() {
        LogRuleSpec apiOnly = new LogRuleSpec(
                "api-errors",
                "api",
                Severity.ERROR,
                Matchers.parse("app=api") instanceof dev.firewatch.alert.Parsed.Ok<Matchers> ok
                        ? ok.value()
                        : Matchers.ANY,
                DB_ERRORS.kind(),
                Map.of(),
                Map.of(),
                20);

        assertThat(Hit.of(apiOnly, new LogLine("status=500", Map.of("app", "api"), null)))
                .isPresent();
        assertThat(Hit.of(apiOnly, new LogLine("status=500", Map.of("app", "web"), null)))
                .isEmpty();
    }

    @Test
    void aStateSurvivesItsJson() {
        StateJson json = new StateJson();
        for (LogRuleSpec rule : List.of(DB_ERRORS, INTEGRITY, HEARTBEAT)) {
            RuleState state = run(
                            rule, look(sec(0)), many(sec(1), 30, "status=500 running integrity_check"), look(min(10)))
                    .last()
                    .state();

            assertThat(json.read(rule.kind().wireName(), json.write(state))).isEqualTo(state);
        }
    }

    static LogRuleSpec rule(String name, LogRuleSpec.Kind kind) {
        return new LogRuleSpec(name, "demo", Severity.ERROR, Matchers.ANY, kind, Map.of(), Map.of(), 20);
    }

    static Duration sec(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    static Duration min(long minutes) {
        return Duration.ofMinutes(minutes);
    }
}
