package dev.firewatch.paging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.MutableClock;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dry-run page and the escalation page as a viewer sees them, on Monday 23 November 2026 at 10:00 in Berlin:
 * alice's week on primary has begun, and the office schedule covers working hours only.
 */
class DryRunPageTest {
    static final String CONFIG = """
            server:
              host: 127.0.0.1
            users:
              - {name: admin, role: admin}
              - {name: vera, role: viewer}
              - name: alice
                role: responder
                contact_methods:
                  - {name: phone, type: ntfy, url: "https://ntfy.sh", topic: alice-pages}
                  - {name: mail, type: email, to: alice@example.com}
                notification_rules:
                  high: [{method: phone}, {method: mail, after: 2m}]
              - name: bob
                role: responder
                email: bob@example.com
              - name: carol
                role: responder
                contact_methods:
                  - {name: pager, type: ntfy, url: "https://ntfy.sh", topic: carol}
            notify:
              smtp: {host: smtp.example.com, from: firewatch@example.com}
            channels:
              - {name: ops, type: slack, url: "${OPS_SLACK_URL:-}"}
            services:
              - {name: api, integration_key: api-key}
              - {name: web, integration_key: web-key, channels: [ops]}
            schedules:
              - name: primary
                timezone: Europe/Berlin
                layers:
                  - name: weekly
                    users: [alice, bob]
                    rotation: weekly
                    start: 2026-01-05T09:00
              - name: office
                timezone: Europe/Berlin
                layers:
                  - name: office hours
                    users: [carol]
                    rotation: weekly
                    start: 2026-01-05T09:00
                    restrictions:
                      - {days: [mon, tue, wed, thu, fri], from: "09:00", to: "18:00"}
            escalation_policies:
              - name: critical
                description: Production pages
                services: [api]
                repeat: 23
                steps:
                  - schedules: [primary]
                    wait: 5m
                  - schedules: [office]
                    users: [bob]
                    channels: [ops]
                    wait: 55m
                urgency:
                  - severities: [SEV3]
                    action: none
            """;

    @Test
    void aViewerWalksASev1AtNightAndSeesTheTimelineAndEveryDeadEndInRed(@TempDir Path dir) {
        try (TestFirewatch firewatch = start(dir)) {
            TestHttp vera = signedIn(firewatch, "vera");

            String form = vera.get("/paging/dry-run").body();
            var night = vera.get("/paging/dry-run?service=api&severity=SEV1&at=2026-11-23T22:00");

            assertThat(form)
                    .contains("<a href=\"/escalation\" class=\"current\">Escalation</a>")
                    .contains("<option value=\"api\" selected>api</option>")
                    .contains("Opened at (Europe/Berlin)")
                    .contains("value=\"2026-11-23T10:00\"")
                    .doesNotContain("id=\"walk\"");
            assertThat(night.statusCode()).isEqualTo(200);
            String page = night.body();
            assertThat(page)
                    .contains("A SEV1 incident on api, opened Mon 23 Nov 2026 22:00 Europe/Berlin")
                    .contains("Step 1 reaches alice.")
                    .contains("<td>schedule primary → alice <small class=\"muted\">(layer weekly, until Mon 30 Nov"
                            + " 09:00)</small></td>")
                    .contains("<td>+2m · Mon 23 Nov 22:02</td>")
                    .contains("Then again every 1h, 23 more times, the last round at +23h (Tue 24 Nov 21:00).")
                    .contains("from round 12 (+11h, Tue 24 Nov 09:00): step 2 reaches bob, carol (was bob)");
            assertThat(Pattern.compile("<circle class=\"mark dead\"")
                            .matcher(page)
                            .results()
                            .count())
                    .as("red marks for the office's gap and the channel that is off")
                    .isEqualTo(2);
            assertThat(page)
                    .contains("<g class=\"row dead\">")
                    .contains("Dead end: schedule office has nobody on call then")
                    .contains("step 2 (+5m, Mon 23 Nov 22:05): schedule office has nobody on call then")
                    .contains("step 2 (+5m, Mon 23 Nov 22:05): channel ops is off");
        }
    }

    @Test
    void aServiceWithoutAPolicyAndAQuietSeverityReachNobodyAndABadParameterIsA400NamingIt(@TempDir Path dir) {
        try (TestFirewatch firewatch = start(dir)) {
            TestHttp vera = signedIn(firewatch, "vera");

            String web = vera.get("/paging/dry-run?service=web&severity=SEV1").body();
            String quiet = vera.get("/paging/dry-run?service=api&severity=SEV3").body();
            var badSeverity = vera.get("/paging/dry-run?service=api&severity=SEV9");
            var badTime = vera.get("/paging/dry-run?service=api&severity=SEV1&at=tuesday");
            var api = firewatch.http().withKey(firewatch.key(dev.firewatch.auth.Role.VIEWER));

            assertThat(web)
                    .contains("Nobody is reached at step 1.")
                    .contains("service web has no escalation policy: its incidents page nobody");
            assertThat(quiet).contains("urgency of a SEV3 incident opened Mon 23 Nov 2026 10:00 Europe/Berlin is none");
            assertThat(badSeverity.statusCode()).isEqualTo(400);
            assertThat(badSeverity.body())
                    .contains("severity: no severity named \"SEV9\"; severities: SEV1, SEV2, SEV3");
            assertThat(badTime.statusCode()).isEqualTo(400);
            assertThat(badTime.body()).contains("at: expected an RFC 3339 time like 2026-11-23T03:00:00Z");
            var missing = api.get("/api/v1/paging/dry-run?severity=SEV1");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(missing.body())
                    .contains("\"field\":\"service\"")
                    .contains("service is required; one of api, web");
            assertThat(api.get("/api/v1/paging/dry-run?service=api&severity=SEV1&at=1969-12-31T00:00:00Z")
                            .body())
                    .contains("\"field\":\"at\"")
                    .contains("between 1970 and 9000");
            assertThat(api.getJson("/api/v1/paging/dry-run?service=api&severity=SEV1")
                            .path("reached_at_step_one")
                            .asBoolean())
                    .isTrue();
        }
    }

    @Test
    void theEscalationPageShowsEachPolicyWithWhoIsOnCallNowAndItsDeadEnds(@TempDir Path dir) {
        try (TestFirewatch firewatch = start(dir)) {
            String page = signedIn(firewatch, "vera").get("/escalation").body();

            assertThat(page)
                    .contains("<section class=\"panel policy\" id=\"policy-critical\">")
                    .contains("Production pages")
                    .contains("<a href=\"/paging/dry-run?service=api&amp;severity=SEV1\" class=\"service\">api</a>")
                    .contains("schedule primary <small class=\"muted\">on call now: alice, until Mon 30 Nov"
                            + " 09:00</small>")
                    .contains("schedule office <small class=\"muted\">on call now: carol, until Mon 23 Nov"
                            + " 18:00</small>")
                    .contains("<td>+5m</td>")
                    .contains("Then again every 1h, 23 more times, unless someone answers.")
                    .contains("<li>SEV3: none</li>")
                    .contains("<li>anything else: page</li>")
                    .contains("escalation policy critical, step 2: channel ops is off");
        }
    }

    static TestFirewatch start(Path dir) {
        return TestFirewatch.start(dir, CONFIG, MutableClock.at("2026-11-23T09:00:00Z"), Map.of());
    }

    static TestHttp signedIn(TestFirewatch firewatch, String user) {
        firewatch.setPassword(user, user + "-password-1");
        TestHttp browser = firewatch.http();
        browser.signIn(user, user + "-password-1");
        return browser;
    }
}
