package dev.firewatch.intake;

import static dev.firewatch.intake.WholeBodyTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.firewatch.alert.Severity;
import dev.firewatch.alert.Signal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Prometheus Alertmanager's webhook body, version 4: every alert of a group, firing and resolved. */
class AlertmanagerDecoderTest {
    static final String FOLDER = "alertmanager";
    final AlertmanagerDecoder decoder = new AlertmanagerDecoder();

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void decodesEachGoldenBodyToItsSignals(String sentence, String name) {
        Decoded decoded = decoder.decode(GoldenFiles.request(FOLDER, name), "demo-key", GoldenFiles.RECEIVED_AT);

        GoldenFiles.check(FOLDER, name, GoldenFiles.describe(decoded));
    }

    static Stream<Arguments> goldens() {
        return GoldenFiles.requests(FOLDER).map(name -> arguments(name.replace('-', ' '), name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("severities")
    void mapsTheSeverityLabelOntoFirewatchSeverities(String label, Severity expected) {
        assertThat(AlertmanagerDecoder.severity(label)).isEqualTo(expected);
    }

    static Stream<Arguments> severities() {
        return Stream.of(
                arguments("critical", Severity.CRITICAL),
                arguments("page", Severity.CRITICAL),
                arguments("CRITICAL", Severity.CRITICAL),
                arguments("error", Severity.ERROR),
                arguments("high", Severity.ERROR),
                arguments("warning", Severity.WARNING),
                arguments("warn", Severity.WARNING),
                arguments("medium", Severity.WARNING),
                arguments("info", Severity.INFO),
                arguments("low", Severity.INFO),
                arguments("none", Severity.INFO),
                arguments("sev1 (unknown, so warning)", Severity.WARNING),
                arguments(null, Severity.WARNING));
    }

    @Test
    void keepsLabelsSortedByNameAndImmutable() {
        byte[] body = utf8("""
                {"version": "4", "alerts": [{"status": "firing", "labels": {"zone": "b", "alertname": "A", "job": "j"}}]}""");

        Signal signal = ((Decoded.Accepted) decoder.decode(body, "demo-key", GoldenFiles.RECEIVED_AT))
                .signals()
                .getFirst();

        assertThat(signal.labels().keySet()).containsExactly("alertname", "job", "zone");
        assertThat(signal.labels()).isUnmodifiable();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsEveryMistakeInABodyAtOnceByItsPath(String sentence, String body, List<String> fields, String message) {
        List<FieldError> errors = EveryDecoder.errors(decoder.decode(utf8(body), "demo-key", GoldenFiles.RECEIVED_AT));

        assertThat(errors).extracting(FieldError::field).containsExactlyElementsOf(fields);
        assertThat(errors.getFirst().message()).isEqualTo(message);
    }

    static Stream<Arguments> malformed() {
        String alert = "{\"status\": \"firing\", \"labels\": {\"alertname\": \"A\"}}";
        return Stream.of(
                arguments(
                        "an empty object",
                        "{}",
                        List.of("version", "alerts"),
                        "'version' is missing; expected a string"),
                arguments(
                        "version 3",
                        "{\"version\": \"3\", \"alerts\": [" + alert + "]}",
                        List.of("version"),
                        "'version' is \"3\"; this endpoint reads Alertmanager's webhook body, version \"4\""),
                arguments(
                        "version as a number",
                        "{\"version\": 4, \"alerts\": [" + alert + "]}",
                        List.of("version"),
                        "'version' must be a string, got a number"),
                arguments(
                        "alerts as an object",
                        "{\"version\": \"4\", \"alerts\": " + alert + "}",
                        List.of("alerts"),
                        "'alerts' must be a list, got an object"),
                arguments(
                        "an alert that is a string",
                        "{\"version\": \"4\", \"alerts\": [" + alert + ", \"HighErrorRate\"]}",
                        List.of("alerts[1]"),
                        "'alerts[1]' must be an object, got a string"),
                arguments(
                        "an alert without status or labels",
                        "{\"version\": \"4\", \"alerts\": [" + alert + ", {}]}",
                        List.of("alerts[1].status", "alerts[1].labels"),
                        "'alerts[1].status' is missing; expected a string"),
                arguments(
                        "an alert status that Alertmanager never sends",
                        "{\"version\": \"4\", \"alerts\": [" + alert.replace("firing", "pending") + "]}",
                        List.of("alerts[0].status"),
                        "'alerts[0].status' is invalid (must be one of firing, resolved), got \"pending\""),
                arguments(
                        "label values that are not strings, each reported",
                        "{\"version\": \"4\", \"alerts\": [" + alert + "," + alert + "," + alert + ","
                                + "{\"status\": \"firing\", \"labels\": {\"alertname\": \"A\", \"x\": 1, \"up\": true,"
                                + " \"le\": null, \"a.b\": {}}}]}",
                        List.of(
                                "alerts[3].labels.x",
                                "alerts[3].labels.up",
                                "alerts[3].labels.le",
                                "alerts[3].labels[\"a.b\"]"),
                        "'alerts[3].labels.x' must be a string, got a number"),
                arguments(
                        "labels and annotations that are lists",
                        "{\"version\": \"4\", \"alerts\": [{\"status\": \"firing\", \"labels\": [\"a\"],"
                                + " \"annotations\": \"summary\"}]}",
                        List.of("alerts[0].labels", "alerts[0].annotations"),
                        "'alerts[0].labels' must be an object, got a list"),
                arguments(
                        "bad times and a generator URL that is not a string",
                        "{\"version\": \"4\", \"alerts\": [{\"status\": \"resolved\", \"labels\": {},"
                                + " \"startsAt\": \"now\", \"endsAt\": 1795000000, \"generatorURL\": false}]}",
                        List.of("alerts[0].startsAt", "alerts[0].endsAt", "alerts[0].generatorURL"),
                        "'alerts[0].startsAt' is not an ISO 8601 time with an offset (like 2026-11-23T03:14:15.926Z),"
                                + " got \"now\""),
                arguments(
                        "a receiver, external URL and truncatedAlerts of the wrong types",
                        "{\"version\": \"4\", \"receiver\": 1, \"externalURL\": [], \"truncatedAlerts\": 1.5,"
                                + " \"alerts\": []}",
                        List.of("receiver", "externalURL", "truncatedAlerts"),
                        "'receiver' must be a string, got a number"));
    }
}
