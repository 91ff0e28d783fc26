package dev.firewatch.config;

/**
 * One thing wrong (or worth a warning) in a config file, located the way compilers locate errors so that
 * editors and terminals can jump to it.
 *
 * @param file the file as it was given (for example {@code firewatch.yaml})
 * @param line 1-based; 0 when the problem is about the whole file (missing, unreadable)
 * @param column 1-based; 0 when the problem is about the whole file
 */
public record ConfigProblem(String file, int line, int column, String message) {

    /** {@code firewatch.yaml:42:9: unknown key "prot" in server; did you mean "port"?} */
    @Override
    public String toString() {
        return line == 0 ? file + ": " + message : file + ":" + line + ":" + column + ": " + message;
    }
}
