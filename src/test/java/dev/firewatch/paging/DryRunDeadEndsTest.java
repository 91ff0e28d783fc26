package dev.firewatch.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every dead end a dry run names, on a config that has each of them: carol's only method is an ntfy topic whose
 * URL is unset, dave has no way to be reached at all, bob has only his email and there is no mail server, and the
 * ops channel is off.
 */
class DryRunDeadEndsTest {
    static final String CONFIG = """
            users:
              - name: bob
                role: responder
                email: bob@example.com
              - name: carol
                role: responder
                contact_methods:
                  - {name: pager, type: ntfy, url: "${CAROL_NTFY_URL:-}", topic: carol}
              - name: dave
                role: responder
            channels:
              - {name: ops, type: slack, url: "${OPS_SLACK_URL:-}"}
            services:
              - {name: api, integration_key: api-key}
              - {name: web, integration_key: web-key, channels: [ops]}
            escalation_policies:
              - name: critical
                services: [api]
                steps:
                  - users: [carol, dave]
                    channels: [ops]
                    wait: 5m
                  - users: [bob]
                    wait: 10m
                urgency:
                  - severities: [SEV3]
                    action: none
                  - severities: [SEV2]
                    action: post
                    channel: ops
            """;

    static final Instant MONDAY_3AM = Instant.parse("2026-11-23T03:00:00Z");

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachDeadEndIsNamedAndNothingReachesStepOne(
            String sentence, String service, String severity, List<String> expected) {
        var walk = DryRunTest.dryRun(CONFIG).walk(service, severity, MONDAY_3AM);

        assertThat(walk.deadEnds())
                .extracting(d -> d.kind().wireName() + " " + d.step() + " " + d.subject() + ": " + d.message())
                .containsExactlyElementsOf(expected);
        assertThat(walk.reachedAtStepOne()).isFalse();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(
                        "a service that no policy names pages nobody, though its channels hear of incidents",
                        "web",
                        "SEV1",
                        List.of("no_policy 0 web: service web has no escalation policy: its incidents page nobody"
                                + " (only its channels ops hear of them); name it under services: of a policy in"
                                + " escalation_policies:")),
                arguments(
                        "a severity whose urgency is none notifies nobody",
                        "api",
                        "SEV3",
                        List.of(
                                "notifies_nobody 0 critical: the urgency of a SEV3 incident opened Mon 23 Nov 2026 03:00"
                                        + " UTC is none: no one is paged, and no channel hears of it either (urgency rules of"
                                        + " policy critical)")),
                arguments(
                        "a severity whose urgency is post pages no one, and its channel is off",
                        "api",
                        "SEV2",
                        List.of(
                                "post_only 0 critical: the urgency of a SEV2 incident opened Mon 23 Nov 2026 03:00 UTC"
                                        + " is post: channel ops hears of it, and no one is paged (urgency rules of"
                                        + " policy critical)",
                                "channel_off 0 ops: the post goes nowhere: ops is off: a required setting came out"
                                        + " empty from the environment")),
                arguments(
                        "a page whose every step meets only people who cannot be reached and a channel that is off",
                        "api",
                        "SEV1",
                        List.of(
                                "person_unreachable 1 carol: step 1 (+0m, Mon 23 Nov 03:00): carol cannot be reached"
                                        + " at high urgency: pager is off: a required setting came out empty from the"
                                        + " environment",
                                "person_unreachable 1 dave: step 1 (+0m, Mon 23 Nov 03:00): dave has no contact"
                                        + " methods and no email address; give them contact_methods or an email",
                                "channel_off 1 ops: step 1 (+0m, Mon 23 Nov 03:00): channel ops is off: a required"
                                        + " setting came out empty from the environment",
                                "step_reaches_nobody 1 critical: step 1 (+0m, Mon 23 Nov 03:00) reaches nobody: carol"
                                        + " cannot be reached, dave cannot be reached, channel ops cannot send",
                                "person_unreachable 2 bob: step 2 (+5m, Mon 23 Nov 03:05): bob cannot be reached at"
                                        + " high urgency: email is email, and notify.smtp is not set",
                                "step_reaches_nobody 2 critical: step 2 (+5m, Mon 23 Nov 03:05) reaches nobody: bob"
                                        + " cannot be reached")));
    }

    @Test
    void aRuleWhoseMethodNeverSendsIsADeadEndEvenWhenAnotherRuleReachesThePerson() {
        String withPhone = CONFIG.replace("""
                    email: bob@example.com
                """, """
                    email: bob@example.com
                    contact_methods:
                      - {name: phone, type: ntfy, url: "https://ntfy.sh", topic: bob}
                      - {name: mail, type: email, to: bob@example.com}
                    notification_rules:
                      high: [{method: mail}, {method: phone, after: 1m}]
                """);

        var walk = DryRunTest.dryRun(withPhone).walk("api", "SEV1", MONDAY_3AM);

        assertThat(walk.rounds().getFirst().steps().get(1).reachesSomeone()).isTrue();
        assertThat(walk.deadEnds())
                .filteredOn(d -> d.step() == 2)
                .extracting(DeadEnd::message)
                .containsExactly("step 2 (+5m, Mon 23 Nov 03:05): bob's high-urgency rule mail never sends: mail is"
                        + " email, and notify.smtp is not set");
    }
}
