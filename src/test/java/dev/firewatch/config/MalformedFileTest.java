package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A file that is not valid YAML, or not there at all, gives one clear error and never an exception. */
class MalformedFileTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsOneLocatedError(String sentence, String yaml, String expected) {
        assertThat(Configs.errors(Configs.parse(yaml)))
                .extracting(ConfigProblem::toString)
                .containsExactly("firewatch.yaml:" + expected);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments(
                        "a tab used for indentation",
                        "server:\n\tport: 8080\n",
                        "2:1: invalid YAML: found character '\\t(TAB)' that cannot start any token. (Do not use"
                                + " \\t(TAB) for indentation)"),
                arguments(
                        "a quote that is never closed",
                        "server:\n  host: \"127.0.0.1\n  port: 8080\n",
                        "4:1: invalid YAML: while scanning a quoted scalar started on line 2, found unexpected end"
                                + " of stream"),
                arguments(
                        "a key indented less than its siblings",
                        "server:\n  host: a\n port: 8080\n",
                        "3:2: invalid YAML: while parsing a block mapping started on line 1, expected <block end>,"
                                + " but found '<block mapping start>'; check that this line is indented like the"
                                + " keys next to it"),
                arguments(
                        "a key indented more than its siblings",
                        "server:\n  host: a\n    port: 8080\n",
                        "3:9: invalid YAML: mapping values are not allowed here; check this line's indentation,"
                                + " or put quotes around a value that contains \": \""),
                arguments(
                        "two documents in one file",
                        "server: {}\n---\nstore: {}\n",
                        "2:1: invalid YAML: expected a single document in the stream started on line 1, but found"
                                + " another document"),
                arguments(
                        "a tag that asks for a Java or Python object",
                        "server: !!python/object:os.system {}\n",
                        "1:9: invalid YAML: Global tag is not allowed: tag:yaml.org,2002:python/object:os.system"),
                arguments(
                        "a list at the top instead of sections",
                        "- server\n- store\n",
                        "1:1: expected a mapping of sections (server, store, auth, users, channels, services, severities,"
                                + " routes, inhibit_rules, maintenance, intake, schedules, escalation_policies, notify, outbound_heartbeat, monitors, connectivity, monitoring, heartbeats, log_rules) at"
                                + " the top of the file, found a list"),
                arguments(
                        "an alias that contains itself",
                        "users: &u [*u]\n",
                        "1:8: users[0]: expected a user like {name: alice, role: responder}, found a list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("empty")
    void explainsWhatTheSmallestFileLooksLikeWhenTheFileIsEmpty(String sentence, String yaml) {
        assertThat(Configs.errors(Configs.parse(yaml)))
                .extracting(ConfigProblem::toString)
                .containsExactly("firewatch.yaml: the file is empty; every section is optional, so the smallest"
                        + " config is one line: \"server: {}\" (start from the example firewatch.yaml that ships"
                        + " with Firewatch)");
    }

    static Stream<Arguments> empty() {
        return Stream.of(
                arguments("nothing at all", ""),
                arguments("only blank lines", "\n\n   \n"),
                arguments("only comments", "# server:\n#   port: 8080\n"),
                arguments("a document marker and nothing else", "---\n"));
    }

    @Test
    void saysAMissingFileIsMissing(@TempDir Path dir) {
        var missing = dir.resolve("nope.yaml");

        assertThat(Configs.errors(new ConfigLoader(Map.of()).load(missing)))
                .extracting(ConfigProblem::toString)
                .containsExactly(missing + ": no such file; pass the path of a YAML config (Firewatch ships an"
                        + " example, firewatch.yaml)");
    }

    @Test
    void saysADirectoryIsNotAFile(@TempDir Path dir) {
        assertThat(Configs.errors(new ConfigLoader(Map.of()).load(dir)))
                .extracting(ConfigProblem::toString)
                .containsExactly(dir + ": expected a YAML config file, found a directory");
    }

    @Test
    void saysBytesThatAreNotUtf8AreNotText(@TempDir Path dir) throws IOException {
        var file = dir.resolve("latin1.yaml");
        Files.write(file, "server:\n  host: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(Configs.errors(new ConfigLoader(Map.of()).load(file)))
                .extracting(ConfigProblem::toString)
                .containsExactly(file + ": expected UTF-8 text, found bytes that are not UTF-8");
    }
}
