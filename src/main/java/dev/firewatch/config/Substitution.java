package dev.firewatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Expands environment references in scalar values: {@code ${VAR}} (an error when VAR is unset),
 * {@code ${VAR:-default}} (the default when VAR is unset or empty) and {@code $$} for a literal {@code $}.
 * Any other {@code $} is kept as written, so a value like {@code ^prod-.*$} needs no escaping.
 */
final class Substitution {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> environment;

    Substitution(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    sealed interface Outcome permits Expanded, Failed {}

    /**
     * @param variables every variable referenced, in order
     * @param blankVariables the referenced variables that were unset or empty, so a caller can explain why a
     *     value came out empty
     */
    record Expanded(String value, List<String> variables, List<String> blankVariables) implements Outcome {}

    /** The message never contains a variable's value, only what was written in the file. */
    record Failed(String message) implements Outcome {}

    Outcome expand(String text) {
        if (text.indexOf('$') < 0) {
            return new Expanded(text, List.of(), List.of());
        }
        StringBuilder value = new StringBuilder();
        List<String> variables = new ArrayList<>();
        List<String> blank = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (c == '$' && next == '$') {
                value.append('$');
                i += 2;
            } else if (c == '$' && next == '{') {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    return new Failed("\"" + text.substring(i) + "\" has no closing }; write $$ for a literal $");
                }
                var reference = reference(text.substring(i + 2, close));
                if (reference instanceof Failed failed) {
                    return failed;
                }
                var expanded = (Expanded) reference;
                value.append(expanded.value());
                variables.addAll(expanded.variables());
                blank.addAll(expanded.blankVariables());
                i = close + 1;
            } else {
                value.append(c);
                i++;
            }
        }
        return new Expanded(value.toString(), List.copyOf(variables), List.copyOf(blank));
    }

    /** One reference, the text between {@code ${} and {@code }}. */
    private Outcome reference(String inside) {
        int separator = inside.indexOf(":-");
        String name = separator < 0 ? inside : inside.substring(0, separator);
        if (!NAME.matcher(name).matches()) {
            return new Failed("malformed reference \"${" + inside + "}\": expected ${NAME} or ${NAME:-default},"
                    + " where NAME is letters, digits and _ and does not start with a digit");
        }
        String set = environment.get(name);
        boolean blank = set == null || set.isEmpty();
        if (separator < 0 && set == null) {
            return new Failed("environment variable " + name + " is not set; set it or write ${" + name + ":-default}");
        }
        String fallback = separator < 0 ? "" : inside.substring(separator + 2);
        if (fallback.contains("${")) {
            return new Failed("malformed reference \"${" + inside + "}\": a default cannot contain another ${...}");
        }
        String value = blank && separator >= 0 ? fallback : set;
        return new Expanded(value, List.of(name), blank ? List.of(name) : List.of());
    }

    /** Why a variable gave nothing, for warnings: {@code FOO is unset} or {@code FOO is empty}. */
    String whyBlank(String variable) {
        return variable + (environment.containsKey(variable) ? " is empty" : " is unset");
    }
}
