package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SubstitutionTest {
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "HOST", "db.internal",
            "EMPTY", "",
            "DB_PORT", "5432");

    private final Substitution substitution = new Substitution(ENVIRONMENT);

    @ParameterizedTest(name = "{0}")
    @MethodSource("expansions")
    void expands(String sentence, String written, String expected) {
        assertThat(substitution.expand(written))
                .isInstanceOfSatisfying(Substitution.Expanded.class, expanded -> assertThat(expanded.value())
                        .isEqualTo(expected));
    }

    static Stream<Arguments> expansions() {
        return Stream.of(
                arguments("text without references stays as written", "plain", "plain"),
                arguments("a set variable is replaced by its value", "${HOST}", "db.internal"),
                arguments(
                        "references sit inside other text",
                        "jdbc:postgresql://${HOST}:${DB_PORT}/x",
                        "jdbc:postgresql://db.internal:5432/x"),
                arguments("a default is used when the variable is unset", "${NOPE:-fallback}", "fallback"),
                arguments("a default is used when the variable is empty", "${EMPTY:-fallback}", "fallback"),
                arguments("a set variable wins over its default", "${HOST:-fallback}", "db.internal"),
                arguments("an empty default gives an empty value", "${NOPE:-}", ""),
                arguments("a default may contain a colon and slashes", "${NOPE:-http://x:1/}", "http://x:1/"),
                arguments("$$ is a literal dollar", "pa$$word", "pa$word"),
                arguments("$$ before a brace is not a reference", "$${HOST}", "${HOST}"),
                arguments("a lone dollar stays as written", "^prod-.*$", "^prod-.*$"),
                arguments("a set but empty variable without default gives an empty value", "${EMPTY}", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void refuses(String sentence, String written, String message) {
        assertThat(substitution.expand(written)).isEqualTo(new Substitution.Failed(message));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                arguments(
                        "an unset variable without default, naming it",
                        "${FIREWATCH_X}",
                        "environment variable FIREWATCH_X is not set; set it or write ${FIREWATCH_X:-default}"),
                arguments(
                        "a reference without its closing brace",
                        "x${HOST",
                        "\"${HOST\" has no closing }; write $$ for a literal $"),
                arguments(
                        "a name starting with a digit",
                        "${1HOST}",
                        "malformed reference \"${1HOST}\": expected ${NAME} or ${NAME:-default}, where NAME is"
                                + " letters, digits and _ and does not start with a digit"),
                arguments(
                        "a default written shell-style without the colon",
                        "${HOST-x}",
                        "malformed reference \"${HOST-x}\": expected ${NAME} or ${NAME:-default}, where NAME is"
                                + " letters, digits and _ and does not start with a digit"),
                arguments(
                        "an empty reference",
                        "${}",
                        "malformed reference \"${}\": expected ${NAME} or ${NAME:-default}, where NAME is"
                                + " letters, digits and _ and does not start with a digit"),
                arguments(
                        "a reference nested in a default",
                        "${A:-${B}}",
                        "malformed reference \"${A:-${B}\": a default cannot contain another ${...}"));
    }

    @Test
    void remembersWhichVariablesCameOutBlankSoAWarningCanNameThem() {
        var expanded = (Substitution.Expanded) substitution.expand("${HOST}${NOPE:-}${EMPTY:-}");

        assertThat(expanded.variables()).containsExactly("HOST", "NOPE", "EMPTY");
        assertThat(expanded.blankVariables()).containsExactly("NOPE", "EMPTY");
        assertThat(substitution.whyBlank("NOPE")).isEqualTo("NOPE is unset");
        assertThat(substitution.whyBlank("EMPTY")).isEqualTo("EMPTY is empty");
    }

    @Test
    void substitutesInValuesOfEverySectionButNeverInKeys() {
        var yaml = """
                server:
                  port: ${PORT}
                store:
                  url: ${DATABASE_URL:-}
                services:
                  - name: ${SERVICE}
                    integration_key: ${KEY:-demo-key}
                    channels: []
                """;

        var config = Configs.loaded(Configs.parse(yaml, Map.of("PORT", "9090", "SERVICE", "api")));

        assertThat(config.server().port()).isEqualTo(9090);
        assertThat(config.server().publicUrl()).isEqualTo("http://127.0.0.1:9090");
        assertThat(config.store().url()).isEmpty();
        assertThat(config.services().getFirst().name()).isEqualTo("api");
        assertThat(config.services().getFirst().integrationKey()).isEqualTo("demo-key");
        assertThat(Configs.errors(Configs.parse("${SECTION}: {}\n", Map.of("SECTION", "server"))))
                .extracting(ConfigProblem::message)
                .containsExactly(
                        "unknown section \"${SECTION}\"; known sections: server, store, auth, users,"
                                + " channels, services, severities, routes, inhibit_rules, maintenance, intake, schedules, escalation_policies, notify, outbound_heartbeat, monitors, connectivity, monitoring, heartbeats, log_rules");
    }

    @Test
    void locatesAnUnsetVariableAtItsValueAndNamesIt() {
        var errors = Configs.errors(Configs.parse("""
                store:
                  url: jdbc:postgresql://db/x?password=${DB_PASSWORD}
                """));

        assertThat(errors)
                .extracting(ConfigProblem::toString)
                .containsExactly("firewatch.yaml:2:8: store.url: environment variable DB_PASSWORD is not set; set it"
                        + " or write ${DB_PASSWORD:-default}");
    }

    @Test
    void locatesAMalformedReference() {
        var errors = Configs.errors(Configs.parse("""
                server:
                  host: ${HOST
                """));

        assertThat(errors)
                .extracting(ConfigProblem::toString)
                .containsExactly(
                        "firewatch.yaml:2:9: server.host: \"${HOST\" has no closing }; write $$ for a literal $");
    }

    @Test
    void namesTheVariableInsteadOfShowingAValueThatCameFromIt() {
        var errors = Configs.errors(Configs.parse("""
                server:
                  port: ${DB_PORT}
                """, Map.of("DB_PORT", "eighty")));

        assertThat(errors)
                .extracting(ConfigProblem::message)
                .containsExactly(
                        "server.port: expected a whole number from 0 to 65535, found the value from ${DB_PORT}");
    }

    @Test
    void neverShowsASubstitutedSecretInAnyErrorOrWarning() {
        String secret = "hunter2-SECRET";
        var yaml = """
                server:
                  port: ${SECRET}
                  host: ${SECRET}
                  public_url: ${SECRET}
                  max_body: ${SECRET}
                store:
                  url: ${SECRET}
                  pool_size: ${SECRET}
                auth:
                  session_ttl: ${SECRET}
                users:
                  - {name: "${SECRET}", email: "${SECRET}", role: "${SECRET}"}
                channels:
                  - {name: "${SECRET}", type: "${SECRET}"}
                  - {name: ops, type: webhook, url: "${EMPTY:-}", secret: "${SECRET}"}
                services:
                  - {name: a, integration_key: "${SECRET}", channels: ["${SECRET}"]}
                  - {name: b, integration_key: "${SECRET}"}
                  - {name: "${SECRET}", integration_key: "${SECRET}"}
                """;

        var result = Configs.parse(yaml, Map.of("SECRET", secret));

        assertThat(Configs.errors(result)).hasSizeGreaterThan(10);
        assertThat(result.warnings()).isNotEmpty();
        assertThat(Configs.lines(result)).allSatisfy(line -> assertThat(line).doesNotContain("hunter2"));
    }
}
