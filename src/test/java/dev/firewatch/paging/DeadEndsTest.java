package dev.firewatch.paging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.app.DryRunConfigs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dead ends check-config reports: those that hold at every instant, whatever the time and the overrides. */
class DeadEndsTest {
    @Test
    void whereEveryoneCanBeReachedOnlyAServiceWithChannelsAndNoPolicyIsNamed() {
        var config = DryRunConfigs.of(DryRunTest.config(DryRunTest.CONFIG, Map.of()));

        assertThat(new DeadEnds(config).all())
                .extracting(DeadEnd::located)
                .containsExactly("service web has channels (ops) but no escalation policy: its incidents page"
                        + " nobody; name it under services: of a policy in escalation_policies:");
    }

    /**
     * carol's only method is off, erin has only email and there is no mail server, so the rota they share never
     * reaches anyone; the ops channel is off, and two policies can never run a step.
     */
    static final String CONFIG = """
            users:
              - name: bob
                role: responder
                contact_methods:
                  - {name: phone, type: ntfy, url: "https://ntfy.sh", topic: bob}
                  - {name: mail, type: email, to: bob@example.com}
                notification_rules:
                  high: [{method: phone}, {method: mail, after: 5m}]
              - name: carol
                role: responder
                contact_methods:
                  - {name: pager, type: ntfy, url: "${CAROL_NTFY_URL:-}", topic: carol}
              - name: erin
                role: responder
                email: erin@example.com
            channels:
              - {name: ops, type: slack, url: "${OPS_SLACK_URL:-}"}
              - {name: chat, type: slack, url: "https://chat.example/hook"}
            services:
              - {name: api, integration_key: api-key}
              - {name: db, integration_key: db-key}
            schedules:
              - name: rota
                layers:
                  - users: [carol, erin]
                    rotation: daily
                    start: 2026-01-05T09:00
            escalation_policies:
              - name: critical
                services: [api]
                steps:
                  - schedules: [rota]
                    channels: [ops]
                    wait: 5m
                  - users: [bob]
                    wait: 10m
                urgency:
                  - severities: [SEV2]
                    action: post
                    channel: ops
                  - severities: [SEV3]
                    during: {days: [mon, tue, wed, thu, fri], from: "09:00", to: "18:00", timezone: Europe/Berlin}
                    action: none
                  - severities: [SEV3]
                    during: {days: [mon], from: "10:00", to: "12:00", timezone: Europe/Berlin}
                    action: page
              - name: spare
                steps:
                  - users: [bob]
                    wait: 5m
              - name: quiet
                services: [db]
                steps:
                  - users: [bob]
                    wait: 5m
                urgency:
                  - severities: [SEV1, SEV2]
                    action: post
                    channel: chat
                  - severities: [SEV3]
                    action: none
            """;

    @Test
    void eachDeadEndThatHoldsAtEveryInstantIsNamedAtItsPolicy() {
        var config = DryRunConfigs.of(DryRunTest.config(CONFIG, Map.of()));

        var found = new DeadEnds(config).all();

        assertThat(found)
                .extracting(d -> d.kind().wireName() + " " + d.located())
                .containsExactly(
                        "rule_never_applies firewatch.yaml:29:5: escalation policy critical, urgency[2] (for SEV3)"
                                + " never applies: the rules before it decide those severities at every time",
                        "channel_off firewatch.yaml:29:5: escalation policy critical posts to channel ops instead of"
                                + " paging for some severities, and that post goes nowhere: ops is off: a required"
                                + " setting came out empty from the environment",
                        "person_unreachable firewatch.yaml:29:5: escalation policy critical, step 1 asks schedule rota,"
                                + " which puts carol on call, who cannot be reached at high urgency: pager is off: a"
                                + " required setting came out empty from the environment; while carol is on call the"
                                + " schedule reaches nobody",
                        "person_unreachable firewatch.yaml:29:5: escalation policy critical, step 1 asks schedule rota,"
                                + " which puts erin on call, who cannot be reached at high urgency: email is email, and"
                                + " notify.smtp is not set; while erin is on call the schedule reaches nobody",
                        "channel_off firewatch.yaml:29:5: escalation policy critical, step 1: channel ops is off: a"
                                + " required setting came out empty from the environment",
                        "step_reaches_nobody firewatch.yaml:29:5: escalation policy critical, step 1 reaches nobody at"
                                + " any time: everyone schedule rota puts on call cannot be reached; channel ops cannot"
                                + " send",
                        "rule_never_sends firewatch.yaml:29:5: bob's high-urgency rule mail never sends: mail is email,"
                                + " and notify.smtp is not set (bob is paged by escalation policy critical)",
                        "step_unreachable firewatch.yaml:47:5: escalation policy spare escalates no service, so none"
                                + " of its steps can ever run; name the services it is for under services:",
                        "step_unreachable firewatch.yaml:51:5: escalation policy quiet never pages: its urgency rules"
                                + " give every severity post or none at every time of the week, so none of its steps"
                                + " can ever run");
    }
}
