package dev.firewatch.intake;

/** The {@code intake:} section of the config. */
public record IntakeSpec(StormSpec storm) {
    public static final IntakeSpec DEFAULTS = new IntakeSpec(StormSpec.DEFAULTS);
}
