package dev.firewatch.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code firewatch.yaml} into a {@link FirewatchConfig}. It works in two steps so a bad file changes
 * nothing: first every section is read and checked, collecting every problem with its line and column;
 * only when there are no errors are the spec records built, with defaults for what the file leaves out.
 *
 * <p>The YAML is only composed into nodes, never constructed into Java objects, so a file cannot make us
 * instantiate anything, and every value keeps its position for messages.
 */
public final class ConfigLoader {
    static final List<String> SECTIONS = List.of(
            "server",
            "store",
            "auth",
            "users",
            "channels",
            "services",
            "severities",
            "routes",
            "inhibit_rules",
            "maintenance",
            "intake",
            "schedules",
            "escalation_policies",
            "notify",
            "outbound_heartbeat",
            "monitors",
            "connectivity",
            "monitoring",
            "heartbeats",
            "log_rules");
    private static final String MINIMAL =
            "the file is empty; every section is optional, so the smallest config is one line: \"server: {}\""
                    + " (start from the example firewatch.yaml that ships with Firewatch)";

    /** {@code - [STATUS] == 200} or {@code conditions: [STATUS] == 200}: a placeholder YAML took for a list. */
    private static final java.util.regex.Pattern UNQUOTED_CONDITION =
            java.util.regex.Pattern.compile("^\\s*(-|[a-z_]+:)\\s*\\[[A-Z_]+\\][^,\\]]*\\S");

    private final Substitution substitution;

    /** @param environment where {@code ${VAR}} looks: {@code System.getenv()} in production */
    public ConfigLoader(Map<String, String> environment) {
        this.substitution = new Substitution(environment);
    }

    /** Reads and checks a file; a missing or unreadable file is an {@link ConfigResult.Invalid}, not an exception. */
    public ConfigResult load(Path file) {
        var problems = new Problems(file.toString());
        try {
            if (Files.isDirectory(file)) {
                problems.fileError("expected a YAML config file, found a directory");
                return invalid(problems);
            }
            return parse(Files.readString(file), file);
        } catch (NoSuchFileException e) {
            problems.fileError(
                    "no such file; pass the path of a YAML config (Firewatch ships an example," + " firewatch.yaml)");
        } catch (AccessDeniedException e) {
            problems.fileError("cannot read the file: permission denied");
        } catch (MalformedInputException e) {
            problems.fileError("expected UTF-8 text, found bytes that are not UTF-8");
        } catch (IOException e) {
            problems.fileError("cannot read the file: " + e.getMessage());
        }
        return invalid(problems);
    }

    /** @param source where the text came from: named in every message and kept in the config */
    public ConfigResult parse(String yamlText, Path source) {
        var problems = new Problems(source.toString());
        var root = compose(yamlText, problems);
        if (root.isEmpty()) {
            return invalid(problems);
        }
        var reading = new Reading(problems, substitution);
        var top = reading.mapping(
                root.get(), "", "a mapping of sections (" + String.join(", ", SECTIONS) + ") at the top of the file");
        if (top.isEmpty()) {
            return invalid(problems);
        }
        var sections = Sections.read(top.get());
        return problems.hasErrors()
                ? invalid(problems)
                : new ConfigResult.Loaded(sections.config(source), problems.warnings());
    }

    /** The document's root node, or empty after recording why there is none. */
    private static Optional<Node> compose(String yamlText, Problems problems) {
        try {
            Node root = new Yaml(new LoaderOptions()).compose(new StringReader(yamlText));
            if (root == null || Reading.shape(root).equals("nothing")) {
                problems.fileError(MINIMAL);
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String message = "invalid YAML: " + describe(e, line(yamlText, mark));
            if (mark == null) {
                problems.fileError(message);
            } else {
                problems.error(mark, message);
            }
        } catch (YAMLException e) {
            problems.fileError("invalid YAML: " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * SnakeYAML's problem, with its context when it adds something ("while scanning a quoted scalar"), and a
     * hint for the two messages that puzzle people most, which usually mean a line is indented wrongly, or, on
     * a line that starts with a monitor's condition like {@code - [STATUS] == 200}, that it needs quotes.
     */
    private static String describe(MarkedYAMLException e, String line) {
        String problem =
                e.getProblem() == null ? "cannot parse" : e.getProblem().strip();
        if (UNQUOTED_CONDITION.matcher(line).find()) {
            problem += "; a condition starting with [ needs quotes around it: - \"[STATUS] == 200\"";
        } else if (problem.contains("expected <block end>")) {
            problem += "; check that this line is indented like the keys next to it";
        } else if (problem.contains("mapping values are not allowed")) {
            problem += "; check this line's indentation, or put quotes around a value that contains \": \"";
        }
        if (e.getContext() == null || e.getContextMark() == null) {
            return problem;
        }
        return e.getContext().strip() + " started on line "
                + (e.getContextMark().getLine() + 1) + ", " + problem;
    }

    /** The text of the line {@code mark} is on; empty when there is no mark. */
    private static String line(String yamlText, org.yaml.snakeyaml.error.Mark mark) {
        return mark == null
                ? ""
                : yamlText.lines().skip(mark.getLine()).findFirst().orElse("");
    }

    private static ConfigResult invalid(Problems problems) {
        return new ConfigResult.Invalid(problems.errors(), problems.warnings());
    }
}
