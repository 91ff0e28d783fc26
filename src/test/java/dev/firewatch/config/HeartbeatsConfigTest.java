package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.firewatch.alert.Severity;
import dev.firewatch.heartbeat.Cron;
import dev.firewatch.heartbeat.HeartbeatSpec;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** heartbeats: as written, with its defaults, and each mistake in it alone: one error at its line and column. */
class HeartbeatsConfigTest {
    private static final String SERVICES = """
            services:
              - name: backups
                integration_key: backups-key
            heartbeats:
            """;
    private static final String UUID_1 = "6f1b7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e";
    private static final String UUID_2 = "0b6f3a52-93c4-4d2e-a1f0-2c9e8d7b6a51";

    @Test
    void readsPeriodAndCronHeartbeatsWithTheirDefaults() {
        var config = Configs.loaded(Configs.parse(SERVICES + """
                  - name: nightly-backup
                    uuid: %s
                    service: backups
                    cron: "0 2 * * *"
                    timezone: Europe/Berlin
                    grace: 1h
                    max_runtime: 3h
                    severity: critical
                    labels: {team: storage}
                    annotations: {runbook_url: "https://runbooks.example/backup"}
                  - name: queue-worker
                    uuid: %s
                    service: backups
                    period: 5m
                    grace: 2m
                """.formatted(UUID_1, UUID_2)));

        assertThat(config.heartbeats())
                .containsExactly(
                        new HeartbeatSpec(
                                "nightly-backup",
                                UUID.fromString(UUID_1),
                                "backups",
                                Severity.CRITICAL,
                                new HeartbeatSpec.OnCron(Cron.parse("0 2 * * *").orThrow(), ZoneId.of("Europe/Berlin")),
                                Duration.ofHours(1),
                                Duration.ofHours(3),
                                Map.of("team", "storage"),
                                Map.of("runbook_url", "https://runbooks.example/backup")),
                        new HeartbeatSpec(
                                "queue-worker",
                                UUID.fromString(UUID_2),
                                "backups",
                                Severity.ERROR,
                                new HeartbeatSpec.Every(Duration.ofMinutes(5)),
                                Duration.ofMinutes(2),
                                Duration.ofMinutes(2),
                                Map.of(),
                                Map.of()));
    }

    @Test
    void aCronWithoutTimezoneIsInUtc() {
        var config = Configs.loaded(Configs.parse(SERVICES + """
                  - {name: hourly, uuid: %s, service: backups, cron: "@hourly", grace: 5m}
                """.formatted(UUID_1)));

        assertThat(config.heartbeats().getFirst().schedule())
                .isEqualTo(new HeartbeatSpec.OnCron(Cron.parse("@hourly").orThrow(), ZoneId.of("UTC")));
    }

    @Test
    void theDocumentedExamplesLoad() throws java.io.IOException {
        String docs = java.nio.file.Files.readString(java.nio.file.Path.of("docs/configuration.md"));
        String section = docs.substring(docs.indexOf("## `heartbeats`"));
        String first = section.substring(section.indexOf("```yaml\n") + 8, section.indexOf("```\n", 8));
        String watchdog = section.substring(section.indexOf("# firewatch.yaml\n"));
        watchdog = watchdog.substring(0, watchdog.indexOf("```"));
        String services = """
                services:
                  - {name: demo, integration_key: demo-key}
                  - {name: monitoring, integration_key: monitoring-key}
                """;

        assertThat(Configs.loaded(Configs.parse(services + first)).heartbeats())
                .extracting(HeartbeatSpec::name)
                .containsExactly("nightly-backup", "queue-worker");
        assertThat(Configs.loaded(Configs.parse(services + watchdog)).heartbeats())
                .extracting(HeartbeatSpec::name)
                .containsExactly("alertmanager-watchdog");
    }

    @Test
    void theShippedExampleLoadsWithItsHeartbeatUncommented() throws java.io.IOException {
        String shipped = java.nio.file.Files.readString(java.nio.file.Path.of("firewatch.yaml"));
        int block = shipped.indexOf("# heartbeats:");
        int end = shipped.indexOf("\n\n", block);
        String uncommented = shipped.substring(0, block)
                + shipped.substring(block, end).replaceAll("(?m)^# ", "")
                + shipped.substring(end);

        var config = Configs.loaded(Configs.parse(uncommented));

        assertThat(config.heartbeats()).extracting(HeartbeatSpec::name).containsExactly("nightly-backup");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void reportsTheMistakeAtItsLineAndColumn(String sentence, String heartbeat, String expected) {
        var errors = Configs.errors(Configs.parse(SERVICES + heartbeat.indent(2)));

        assertThat(errors).extracting(ConfigProblem::toString).containsExactly("firewatch.yaml:" + expected);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments(
                        "an unknown service gets the closest declared name",
                        "- {name: b, uuid: " + UUID_1 + ", service: backup, period: 1h, grace: 5m}",
                        "5:68: heartbeats[0].service: unknown service \"backup\"; did you mean \"backups\"?"),
                arguments(
                        "a uuid that is not one says how to make one",
                        "- {name: b, uuid: nightly, service: backups, period: 1h, grace: 5m}",
                        "5:21: heartbeats[0].uuid: expected a UUID like 6f1b7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e; make"
                                + " one with uuidgen (or python3 -c 'import uuid; print(uuid.uuid4())'), found"
                                + " \"nightly\""),
                arguments(
                        "a missing uuid",
                        "- {name: b, service: backups, period: 1h, grace: 5m}",
                        "5:5: heartbeats[0]: uuid is missing; the ping URL is /ping/<uuid>, with a UUID like"
                                + " 6f1b7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e; make one with uuidgen (or python3 -c"
                                + " 'import uuid; print(uuid.uuid4())')"),
                arguments(
                        "two heartbeats with one uuid",
                        "- {name: a, uuid: " + UUID_1 + ", service: backups, period: 1h, grace: 5m}\n"
                                + "- {name: b, uuid: " + UUID_1 + ", service: backups, period: 1h, grace: 5m}",
                        "6:21: heartbeats[1].uuid: the same uuid as the heartbeat on line 5; each heartbeat needs"
                                + " its own, or a ping could not say whose it is"),
                arguments(
                        "two heartbeats with one name",
                        "- {name: a, uuid: " + UUID_1 + ", service: backups, period: 1h, grace: 5m}\n"
                                + "- {name: a, uuid: " + UUID_2 + ", service: backups, period: 1h, grace: 5m}",
                        "6:12: duplicate heartbeat name \"a\"; the first is on line 5"),
                arguments(
                        "both a period and a cron",
                        "- {name: b, uuid: " + UUID_1 + ", service: backups, period: 1h, cron: '@daily', grace: 5m}",
                        "5:95: heartbeats[0]: a heartbeat expects pings every period or at cron times, not both;"
                                + " remove one"),
                arguments(
                        "neither a period nor a cron",
                        "- {name: b, uuid: " + UUID_1 + ", service: backups, grace: 5m}",
                        "5:5: heartbeats[0]: when are pings expected? add period (like period: 1h) or cron (like"
                                + " cron: \"0 2 * * *\", with timezone: Europe/Berlin)"),
                arguments(
                        "a period under a minute",
                        "- {name: b, uuid: " + UUID_1 + ", service: backups, period: 30s, grace: 5m}",
                        "5:85: heartbeats[0].period: expected at least 1m, found 30s"),
                arguments(
                        "a timezone with a period",
                        "- {name: b, uuid: " + UUID_1 + ", service: backups, period: 1h, timezone: UTC, grace: 5m}",
                        "5:99: heartbeats[0].timezone: a timezone only matters for cron; a period counts from the"
                                + " last ping, so remove it"),
                arguments(
                        "a cron hour out of range points at the hour",
                        "- {name: b, uuid: " + UUID_1 + ", service: backups, cron: \"0 25 * * *\", grace: 5m}",
                        "5:86: heartbeats[0].cron: hour 25 is out of range 0-23"),
                arguments(
                        "a cron that never comes",
                        "- {name: b, uuid: " + UUID_1 + ", service: backups, cron: \"0 0 31 2 *\", grace: 5m}",
                        "5:83: heartbeats[0].cron: \"0 0 31 2 *\" names no day that exists (like February 30th), so"
                                + " no ping would ever be expected"),
                arguments(
                        "a misspelt time zone",
                        "- {name: b, uuid: " + UUID_1 + ", service: backups, cron: '@daily', timezone: Europe/Berln,"
                                + " grace: 5m}",
                        "5:103: heartbeats[0].timezone: unknown time zone \"Europe/Berln\"; did you mean"
                                + " \"Europe/Berlin\"?"),
                arguments(
                        "a misspelt severity",
                        "- {name: b, uuid: " + UUID_1 + ", service: backups, period: 1h, grace: 5m, severity: crit}",
                        "5:110: heartbeats[0].severity: unknown severity \"crit\"; expected one of critical, error,"
                                + " warning, info"),
                arguments(
                        "a label Firewatch sets itself",
                        "- {name: b, uuid: " + UUID_1 + ", service: backups, period: 1h, grace: 5m, labels: {service:"
                                + " x}}",
                        "5:118: heartbeats[0].labels.service: Firewatch sets the service label itself; use another"
                                + " name"),
                arguments(
                        "an unknown key with a close one",
                        "- {name: b, uuid: " + UUID_1 + ", service: backups, period: 1h, grace: 5m, max_run_time: 1h}",
                        "5:100: unknown key \"max_run_time\" in heartbeats[0]; did you mean \"max_runtime\"?"));
    }
}
