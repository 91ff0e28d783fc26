package dev.firewatch.probe;

/**
 * One condition of a monitor, like {@code [STATUS] == 200} or {@code [BODY].database == "ok"}, parsed once when
 * the config loads (STYLE habit 7) and evaluated against what each check observed.
 */
public interface Condition {
    /** The condition as written in the config. */
    String text();

    /** Whether it holds for {@code observed}, with the resolved values shown: {@code [STATUS] (503) == 200}. */
    Verdict evaluate(Observation observed);

    /**
     * @param shown the condition with each placeholder followed by the value it had, for the failure message
     */
    record Verdict(boolean holds, String shown) {}
}
