package dev.firewatch.escalation;

import java.time.Duration;
import java.util.List;

/** One step: notify every target at once, then wait {@code waitAfter} before the next step (or the next round). */
public record StepSpec(List<Target> targets, Duration waitAfter) {
    public StepSpec {
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a step must notify someone");
        }
        if (waitAfter.isNegative() || waitAfter.isZero()) {
            throw new IllegalArgumentException("a step must wait a while before the next, found " + waitAfter);
        }
    }
}
