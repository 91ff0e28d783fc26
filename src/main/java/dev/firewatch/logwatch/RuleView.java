package dev.firewatch.logwatch;

import java.time.Instant;
import java.util.List;

/**
 * A rule as the rules page and {@code GET /api/v1/logs/rules} show it: what it looks for, where it stands, and the
 * lines it matched lately.
 *
 * @param kind {@code rate}, {@code sequence} or {@code absence}
 * @param pattern the pattern it counts, the sequence's start, or the pattern whose absence it watches
 * @param condition the rest of the rule in words: {@code more than 20 lines within 5m}
 * @param state {@code firing} or {@code ok}
 * @param since when it last began or stopped firing (or began watching); null before any line reached it
 * @param lastChange what that change said
 * @param count a rate rule's matching lines in the window now; null for the other kinds
 * @param dueAt when it is looked at again without a line: a sequence's or an absence's deadline, the moment a firing
 *     rate window can drop below its threshold; null when only a line can change it
 * @param detail where the rule stands, in words
 * @param recentMatches its newest matching lines, oldest first
 */
public record RuleView(
        String name,
        String service,
        String kind,
        String severity,
        String pattern,
        String condition,
        String state,
        Instant since,
        String lastChange,
        Integer count,
        Instant dueAt,
        String detail,
        List<MatchView> recentMatches) {
    public RuleView {
        recentMatches = List.copyOf(recentMatches);
    }

    /**
     * A matching line kept as evidence.
     *
     * @param at when it arrived (the time rules run on)
     * @param loggedAt when the line says it was logged, or null
     * @param role {@code match}, or a sequence's {@code start} or {@code expect}
     */
    public record MatchView(Instant at, Instant loggedAt, String role, String line) {}

    public boolean firing() {
        return "firing".equals(state);
    }

    static RuleView of(LogRuleSpec spec, StoredRule row, List<LogRuleSql.Match> matches, Instant now) {
        RuleState state = row == null ? null : row.state();
        String pattern;
        String condition;
        Integer count = null;
        String detail;
        switch (spec.kind()) {
            case LogRuleSpec.Rate rate -> {
                pattern = rate.pattern().pattern();
                condition = "more than " + rate.moreThan() + " lines within " + Wording.duration(rate.within());
                count = state instanceof RateWindow window ? window.count(rate, now) : 0;
                detail = count + " in the last " + Wording.duration(rate.within()) + " (fires above " + rate.moreThan()
                        + ")";
            }
            case LogRuleSpec.Sequence sequence -> {
                pattern = sequence.start().pattern();
                condition = "followed by \"" + sequence.expected() + "\" within " + Wording.duration(sequence.within());
                detail = state instanceof Awaiting awaiting && !awaiting.open().isEmpty()
                        ? awaiting.open().size() + " start(s) waiting, the oldest from "
                                + Wording.clock(awaiting.open().getFirst().at())
                        : "no start waiting";
                if (state instanceof Awaiting awaiting && awaiting.overdue() != null) {
                    detail = "the start at " + Wording.clock(awaiting.overdue().at()) + " went unanswered; " + detail;
                }
            }
            case LogRuleSpec.Absence absence -> {
                pattern = absence.pattern().pattern();
                condition = "at least one line every " + Wording.duration(absence.duration());
                detail = state instanceof LastSeen seen
                        ? (seen.line() == null
                                ? "no line yet since watching began at " + Wording.clock(seen.since())
                                : "last line at " + Wording.clock(seen.since()))
                        : "not watching yet";
            }
        }
        return new RuleView(
                spec.name(),
                spec.service(),
                spec.kind().wireName(),
                spec.severity().wireName(),
                pattern,
                condition,
                row != null && row.firing() ? "firing" : "ok",
                row == null ? null : row.changedAt(),
                row == null ? null : row.lastChange(),
                count,
                row == null ? null : row.dueAt(),
                detail,
                matches.stream()
                        .map(m -> new MatchView(m.at(), m.loggedAt(), m.role(), m.line()))
                        .toList());
    }
}
