package dev.firewatch.config;

import java.util.List;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;

/**
 * A single value from the file after {@code ${VAR}} expansion, with where it was written.
 *
 * @param variables the environment variables the value was built from; empty when written literally
 * @param blankVariables those of them that were unset or empty
 */
record Scalar(String value, Mark at, List<String> variables, List<String> blankVariables) {
    private static final int SHOWN_LENGTH = 60;

    boolean fromEnvironment() {
        return !variables.isEmpty();
    }

    /**
     * The value as an error message may show it. A value written in the file is quoted; a value that came
     * from the environment is named by its variables instead, because it may be a secret.
     */
    String shown() {
        if (fromEnvironment()) {
            String references = variables.stream().map(v -> "${" + v + "}").collect(Collectors.joining(", "));
            return (value.isEmpty() ? "an empty value from " : "the value from ") + references;
        }
        return value.isEmpty() ? "nothing" : quoted(value);
    }

    static String quoted(String text) {
        String shortened = text.length() > SHOWN_LENGTH ? text.substring(0, SHOWN_LENGTH) + "…" : text;
        return "\"" + shortened.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
