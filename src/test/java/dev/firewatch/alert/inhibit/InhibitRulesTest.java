package dev.firewatch.alert.inhibit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.firewatch.alert.Fingerprint;
import dev.firewatch.alert.InhibitRuleSpec;
import dev.firewatch.alert.Labels;
import dev.firewatch.alert.Matchers;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InhibitRulesTest {
    /** A critical alert holds back warnings about the same cluster: Alertmanager's documented example. */
    private static final InhibitRuleSpec CRITICAL_OVER_WARNING =
            rule("severity=critical", "severity=warning", "cluster");

    /** Every alert of a datacenter that is down, including other "down" alerts: both sides match. */
    private static final InhibitRuleSpec DATACENTER_DOWN = rule("alertname=DatacenterDown", "dc=~\".+\"", "dc");

    private static InhibitRuleSpec rule(String source, String target, String... equal) {
        return new InhibitRuleSpec(
                "inhibit_rules[0]",
                Matchers.parse(source).orThrow(),
                Matchers.parse(target).orThrow(),
                Arrays.asList(equal));
    }

    private static FiringAlert firing(String labels) {
        var parsed = Labels.parse(labels).orThrow();
        return new FiringAlert(Fingerprint.of(parsed), parsed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inhibitsWithAlertmanagerSemantics(
            String sentence, InhibitRuleSpec rule, String target, List<String> firing, Optional<String> source) {
        var rules = new InhibitRules(List.of(rule));

        var inhibitor = rules.inhibitedBy(
                Labels.parse(target).orThrow(),
                firing.stream().map(InhibitRulesTest::firing).toList());

        assertThat(inhibitor)
                .isEqualTo(
                        source.map(labels -> Fingerprint.of(Labels.parse(labels).orThrow())));
    }

    static Stream<Arguments> cases() {
        String critical = "alertname=NodeDown, severity=critical, cluster=eu";
        String down = "alertname=DatacenterDown, dc=fra";
        return Stream.of(
                arguments(
                        "a firing source with equal labels inhibits the target",
                        CRITICAL_OVER_WARNING,
                        "alertname=HighLatency, severity=warning, cluster=eu",
                        List.of(critical),
                        Optional.of(critical)),
                arguments(
                        "a source with a different value of an equal label does not",
                        CRITICAL_OVER_WARNING,
                        "alertname=HighLatency, severity=warning, cluster=us",
                        List.of(critical),
                        Optional.empty()),
                arguments(
                        "an equal label absent on both sides counts as equal",
                        CRITICAL_OVER_WARNING,
                        "alertname=HighLatency, severity=warning",
                        List.of("alertname=NodeDown, severity=critical"),
                        Optional.of("alertname=NodeDown, severity=critical")),
                arguments(
                        "an equal label absent on one side only does not",
                        CRITICAL_OVER_WARNING,
                        "alertname=HighLatency, severity=warning",
                        List.of(critical),
                        Optional.empty()),
                arguments(
                        "a target the target matchers do not match is never inhibited",
                        CRITICAL_OVER_WARNING,
                        "alertname=HighLatency, severity=info, cluster=eu",
                        List.of(critical),
                        Optional.empty()),
                arguments(
                        "no firing source, no inhibition",
                        CRITICAL_OVER_WARNING,
                        "alertname=HighLatency, severity=warning, cluster=eu",
                        List.of("alertname=Other, severity=warning, cluster=eu"),
                        Optional.empty()),
                arguments(
                        "an alert matching both sides does not inhibit itself",
                        DATACENTER_DOWN,
                        down,
                        List.of(down),
                        Optional.empty()),
                arguments(
                        "alerts matching both sides do not inhibit each other",
                        DATACENTER_DOWN,
                        down,
                        List.of("alertname=DatacenterDown, dc=fra, probe=2"),
                        Optional.empty()),
                arguments(
                        "an alert matching only the target side is inhibited by the source",
                        DATACENTER_DOWN,
                        "alertname=DiskFull, dc=fra",
                        List.of(down),
                        Optional.of(down)));
    }
}
