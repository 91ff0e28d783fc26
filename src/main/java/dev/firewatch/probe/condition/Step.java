package dev.firewatch.probe.condition;

/** One step into a JSON body after {@code [BODY]}: {@code .name}, {@code [0]} or {@code [*]}. */
sealed interface Step {
    /** An object's field. */
    record Field(String name) implements Step {}

    /** A list's element, counted from 0. */
    record Index(int index) implements Step {}

    /** Every element of a list; each must satisfy the condition, and an empty list does not. */
    record Every() implements Step {}
}
