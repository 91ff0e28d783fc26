package dev.firewatch.config;

import dev.firewatch.intake.IntakeSpec;
import dev.firewatch.intake.StormSpec;
import java.util.List;
import java.util.Optional;

/** {@code intake:} as written and checked; see {@link ServerSection} for the two steps. */
record IntakeSection(Optional<Integer> backlogThreshold) {
    static final List<String> KEYS = List.of("storm");
    static final List<String> STORM_KEYS = List.of("backlog_threshold");
    static final IntakeSection ABSENT = new IntakeSection(Optional.empty());

    static IntakeSection read(Mapping intake) {
        intake.allowOnly(KEYS);
        return new IntakeSection(intake.mapping("storm", "a mapping like {backlog_threshold: 2000}")
                .flatMap(storm -> {
                    storm.allowOnly(STORM_KEYS);
                    return storm.wholeNumber("backlog_threshold", 1, 100_000_000);
                }));
    }

    IntakeSpec spec() {
        return new IntakeSpec(new StormSpec(backlogThreshold.orElse(StormSpec.DEFAULTS.backlogThreshold())));
    }
}
