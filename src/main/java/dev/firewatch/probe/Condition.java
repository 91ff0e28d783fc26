package dev.firewatch.probe;

import dev.firewatch.alert.Parsed;
import dev.firewatch.probe.condition.ConditionParser;

/**
 * One condition of a monitor, like {@code [STATUS] == 200} or {@code [BODY].database == "ok"}, parsed once when
 * the config loads (STYLE habit 7) and evaluated against what each check observed.
 */
public interface Condition {
    /**
     * Parses a condition once, when the config loads; the language is in docs/configuration.md (Monitors). A
     * mistake comes back with its offset in {@code text}, so the config error can point at its column.
     *
     * @param kind the monitor's kind ({@code ProbeSpec.Http.class}): a placeholder that kind never fills is a
     *     mistake; {@code ProbeSpec.class} when the kind is not known, which allows every placeholder
     */
    static Parsed<Condition> parse(String text, Class<? extends ProbeSpec> kind) {
        return ConditionParser.parse(text, kind);
    }

    /** The condition as written in the config. */
    String text();

    /** Whether it holds for {@code observed}, with the resolved values shown: {@code [STATUS] (503) == 200}. */
    Verdict evaluate(Observation observed);

    /**
     * @param shown the condition with each placeholder followed by the value it had, for the failure message
     */
    record Verdict(boolean holds, String shown) {}
}
