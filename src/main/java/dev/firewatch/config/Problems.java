package dev.firewatch.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;

/** Collects every error and warning found in one file, so the operator sees them all in one run. */
final class Problems {
    private static final Comparator<ConfigProblem> FILE_ORDER =
            Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);

    private final String file;
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void error(Mark at, String message) {
        errors.add(located(at, message));
    }

    void warning(Mark at, String message) {
        warnings.add(located(at, message));
    }

    /** A problem with the file as a whole: it is missing, unreadable or empty. */
    void fileError(String message) {
        errors.add(new ConfigProblem(file, 0, 0, message));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<ConfigProblem> errors() {
        return errors.stream().sorted(FILE_ORDER).toList();
    }

    List<ConfigProblem> warnings() {
        return warnings.stream().sorted(FILE_ORDER).toList();
    }

    /** {@code firewatch.yaml:40:5}: where something is written, for a warning raised after loading. */
    String where(Mark at) {
        return located(at, "").toString().replaceFirst(": $", "");
    }

    /** SnakeYAML counts from 0; people and editors count from 1. */
    private ConfigProblem located(Mark at, String message) {
        return new ConfigProblem(file, at.getLine() + 1, at.getColumn() + 1, message);
    }
}
