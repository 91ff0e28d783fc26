package dev.firewatch.paging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.auth.Role;
import dev.firewatch.notify.WebhookSender;
import dev.firewatch.testing.MutableClock;
import dev.firewatch.testing.PostgresDatabases;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import dev.firewatch.testing.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fixed clock drives escalation from a real trigger to real webhook receivers: step 1 at t0, step 2 at t0+5m
 * when nobody answered, the policy again at t0+1h, nothing after an acknowledgement, and the resolve still
 * reaching everyone who was paged.
 */
class EscalationFlowTest {
    static String config(WebhookReceiver receiver, String store) {
        return """
                server:
                  host: 127.0.0.1
                users:
                  - name: admin
                    role: admin
                  - name: alice
                    role: responder
                    contact_methods:
                      - {name: phone, type: webhook, url: %s, secret: alice-secret}
                  - name: bob
                    role: responder
                    contact_methods:
                      - {name: pager, type: webhook, url: %s}
                services:
                  - name: demo
                    integration_key: demo-key
                escalation_policies:
                  - name: critical
                    services: [demo]
                    repeat: 1
                    steps:
                      - users: [alice]
                        wait: 5m
                      - users: [bob]
                        wait: 55m
                %s""".formatted(receiver.url("/alice"), receiver.url("/bob"), store);
    }

    static String store(String vendor) {
        return vendor.equals("postgresql") ? "store:\n  url: " + PostgresDatabases.create() + "\n  pool_size: 4\n" : "";
    }

    static final String TRIGGER = """
            {"routing_key": "demo-key", "event_action": "trigger", "dedup_key": "db-down",
             "payload": {"summary": "Database does not answer", "source": "db-1", "severity": "critical"}}""";

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void stepsPageInTurnUntilAcknowledgedAndTheResolveReachesEveryone(String vendor, @TempDir Path dir) {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (WebhookReceiver receiver = new WebhookReceiver();
                TestFirewatch firewatch = TestFirewatch.start(dir, config(receiver, store(vendor)), clock, Map.of())) {
            firewatch.http().postJson("/v2/enqueue", TRIGGER);

            // t0: step 1 pages alice, signed, with the incident and an idempotency key.
            WebhookReceiver.Received first = receiver.await(r -> r.size() == 1).getFirst();
            assertThat(first.path()).isEqualTo("/alice");
            assertThat(first.json().path("event").asText()).isEqualTo("incident.triggered");
            assertThat(first.json().path("incident").path("title").asText()).isEqualTo("Database does not answer");
            assertThat(first.json().path("incident").path("state").asText()).isEqualTo("triggered");
            assertThat(first.json().path("alerts").get(0).path("dedup_key").asText())
                    .isEqualTo("db-down");
            assertThat(first.header("Idempotency-Key"))
                    .isEqualTo(first.json()
                            .path("notification")
                            .path("idempotency_key")
                            .asText());
            String timestamp = first.header("X-Firewatch-Timestamp");
            assertThat(first.header("X-Firewatch-Signature"))
                    .isEqualTo("sha256=" + WebhookSender.signature("alice-secret", timestamp, first.body()));
            String incident = first.json().path("incident").path("id").asText();

            // t0+4m59s: nothing new; t0+5m: bob.
            advance(firewatch, incident, clock, Duration.ofMinutes(4).plusSeconds(59));
            assertNothingNewFor(receiver, 1);
            advance(firewatch, incident, clock, Duration.ofSeconds(1));
            WebhookReceiver.Received second = receiver.await(r -> r.size() == 2).get(1);
            assertThat(second.path()).isEqualTo("/bob");
            assertThat(second.json().path("event").asText()).isEqualTo("incident.escalated");

            // t0+1h: the policy again from step 1.
            advance(firewatch, incident, clock, Duration.ofMinutes(55));
            assertThat(receiver.await(r -> r.size() == 3).get(2).path()).isEqualTo("/alice");

            // Acknowledged: t0+1h5m (bob's turn in round 2) passes without a page, and so does the hour after.
            TestHttp responder = firewatch.http().withKey(firewatch.key(Role.RESPONDER));
            assertThat(responder
                            .postJson("/api/v1/incidents/" + incident + "/acknowledge", "")
                            .statusCode())
                    .isEqualTo(200);
            advance(firewatch, incident, clock, Duration.ofMinutes(5));
            assertNothingNewFor(receiver, 3);
            advance(firewatch, incident, clock, Duration.ofHours(1));
            assertNothingNewFor(receiver, 3);

            // Resolved: alice and bob both hear of it, acknowledged or not.
            responder.postJson("/api/v1/incidents/" + incident + "/resolve", "");
            List<WebhookReceiver.Received> all = receiver.await(r -> r.size() == 5);
            assertThat(all.subList(3, 5))
                    .extracting(WebhookReceiver.Received::path)
                    .containsExactlyInAnyOrder("/alice", "/bob");
            assertThat(all.subList(3, 5))
                    .allSatisfy(r -> assertThat(r.json().path("event").asText()).isEqualTo("incident.resolved"));
            assertThat(all).extracting(r -> r.header("Idempotency-Key")).doesNotHaveDuplicates();

            // The timeline says who was paged, how, and that it was delivered.
            var timeline = firewatch
                    .http()
                    .withKey(firewatch.key(Role.VIEWER))
                    .getJson("/api/v1/incidents/" + incident)
                    .path("timeline")
                    .toString();
            assertThat(timeline)
                    .contains("Step 1 of 2 (critical, round 1 of 2): paging alice")
                    .contains("Step 2 of 2 (critical, round 1 of 2): paging bob")
                    .contains("Page to alice by phone: delivered, HTTP 200")
                    .contains("Resolve notice to bob by pager: delivered, HTTP 200");

            // The incident's page shows who was notified, how, when, and that it got there.
            String page = firewatch
                    .http()
                    .withKey(firewatch.key(Role.VIEWER))
                    .get("/incidents/" + incident)
                    .body();
            String notifications = page.substring(page.indexOf("id=\"notifications\""));
            assertThat(notifications)
                    .contains("alice by phone")
                    .contains("bob by pager")
                    .contains("incident.resolved")
                    .contains("delivered");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aSnoozeRePagesStepOneOnceAtItsEnd(String vendor, @TempDir Path dir) {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (WebhookReceiver receiver = new WebhookReceiver();
                TestFirewatch firewatch = TestFirewatch.start(dir, config(receiver, store(vendor)), clock, Map.of())) {
            firewatch.http().postJson("/v2/enqueue", TRIGGER);
            String incident = firstPagedIncident(receiver);

            // At t0+1m alice snoozes for 30 minutes: bob's turn at t0+5m passes quietly.
            advance(firewatch, incident, clock, Duration.ofMinutes(1));
            TestHttp responder = firewatch.http().withKey(firewatch.key(Role.RESPONDER));
            assertThat(responder
                            .postJson("/api/v1/incidents/" + incident + "/snooze", "{\"duration\": \"30m\"}")
                            .statusCode())
                    .isEqualTo(200);
            advance(firewatch, incident, clock, Duration.ofMinutes(5));
            assertNothingNewFor(receiver, 1);

            // t0+31m: the snooze runs out and step 1 pages once more.
            advance(firewatch, incident, clock, Duration.ofMinutes(25));
            WebhookReceiver.Received again = receiver.await(r -> r.size() == 2).get(1);
            assertThat(again.path()).isEqualTo("/alice");
            assertThat(again.header("Idempotency-Key"))
                    .isNotEqualTo(receiver.received().getFirst().header("Idempotency-Key"));

            // Once: no rounds resume after it, not at step 2's time, not at the next hour.
            advance(firewatch, incident, clock, Duration.ofMinutes(5));
            assertNothingNewFor(receiver, 2);
            advance(firewatch, incident, clock, Duration.ofHours(1));
            assertNothingNewFor(receiver, 2);
            assertThat(firewatch
                            .http()
                            .withKey(firewatch.key(Role.VIEWER))
                            .getJson("/api/v1/incidents/" + incident)
                            .path("timeline")
                            .toString())
                    .contains("Step 1 of 2 (critical, round 1 of 2), as the snooze ran out: paging alice");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"sqlite"})
    void reassigningPagesTheAssigneeAtOnceAndEscalationResumesIfNobodyAnswers(String vendor, @TempDir Path dir) {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (WebhookReceiver receiver = new WebhookReceiver();
                TestFirewatch firewatch = TestFirewatch.start(dir, config(receiver, store(vendor)), clock, Map.of())) {
            firewatch.http().postJson("/v2/enqueue", TRIGGER);
            String incident = firstPagedIncident(receiver);
            TestHttp responder = firewatch.http().withKey(firewatch.key(Role.RESPONDER));
            responder.postJson("/api/v1/incidents/" + incident + "/acknowledge", "");
            advance(firewatch, incident, clock, Duration.ofMinutes(10));
            assertThat(responder
                            .postJson("/api/v1/incidents/" + incident + "/reassign", "{\"user\": \"bob\"}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(receiver.await(r -> r.size() == 2).get(1).path()).isEqualTo("/bob");

            // bob does not answer: five minutes later (step 1's wait) the policy starts again with alice.
            advance(firewatch, incident, clock, Duration.ofMinutes(5));
            assertThat(receiver.await(r -> r.size() == 3).get(2).path()).isEqualTo("/alice");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"sqlite"})
    void anAcknowledgeThroughTheEventsApiStopsEscalationTheSameWay(String vendor, @TempDir Path dir) {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (WebhookReceiver receiver = new WebhookReceiver();
                TestFirewatch firewatch = TestFirewatch.start(dir, config(receiver, store(vendor)), clock, Map.of())) {
            firewatch.http().postJson("/v2/enqueue", TRIGGER);
            receiver.await(r -> r.size() == 1);
            assertThat(firewatch
                            .http()
                            .postJson(
                                    "/v2/enqueue",
                                    "{\"routing_key\": \"demo-key\", \"event_action\": \"acknowledge\","
                                            + " \"dedup_key\": \"db-down\"}")
                            .statusCode())
                    .isEqualTo(202);
            String incident = receiver.received()
                    .getFirst()
                    .json()
                    .path("incident")
                    .path("id")
                    .asText();
            TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            dev.firewatch.testing.Eventually.within(
                    Duration.ofSeconds(10),
                    () -> viewer.getJson("/api/v1/incidents/" + incident)
                            .path("state")
                            .asText(),
                    state -> state.equals("acknowledged"));
            advance(firewatch, incident, clock, Duration.ofMinutes(5));
            assertNothingNewFor(receiver, 1);
            advance(firewatch, incident, clock, Duration.ofHours(1));
            assertNothingNewFor(receiver, 1);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"sqlite"})
    void anAlertFiringAgainInAnAcknowledgedIncidentReopensItAndPagesAgain(String vendor, @TempDir Path dir) {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (WebhookReceiver receiver = new WebhookReceiver();
                TestFirewatch firewatch = TestFirewatch.start(
                        dir,
                        config(receiver, store(vendor))
                                .replace(
                                        "    integration_key: demo-key",
                                        "    integration_key: demo-key\n    group_by: [alertname]"),
                        clock,
                        Map.of())) {
            String am = "/api/v1/integrations/alertmanager/demo-key";
            firewatch.http().postJson(am, alertmanagerGroup("firing", "api-1"));
            firewatch.http().postJson(am, alertmanagerGroup("firing", "api-2"));
            String incident = firstPagedIncident(receiver);
            TestHttp responder = firewatch.http().withKey(firewatch.key(Role.RESPONDER));
            responder.postJson("/api/v1/incidents/" + incident + "/acknowledge", "");

            // api-1 recovers while api-2 still fires: nothing to tell anyone yet.
            firewatch.http().postJson(am, alertmanagerGroup("resolved", "api-1"));
            TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            dev.firewatch.testing.Eventually.within(
                    Duration.ofSeconds(10),
                    () -> viewer.getJson("/api/v1/alerts?state=resolved")
                            .path("alerts")
                            .size(),
                    resolved -> resolved == 1);
            assertNothingNewFor(receiver, 1);

            // api-1 breaks again: a regression. The incident is triggered again and alice is paged at once.
            firewatch.http().postJson(am, alertmanagerGroup("firing", "api-1"));
            WebhookReceiver.Received again = receiver.await(r -> r.size() == 2).get(1);
            assertThat(again.path()).isEqualTo("/alice");
            assertThat(again.json().path("event").asText()).isEqualTo("incident.reopened");
            assertThat(viewer.getJson("/api/v1/incidents/" + incident)
                            .path("state")
                            .asText())
                    .isEqualTo("triggered");
        }
    }

    /** Alertmanager's webhook body for one HighLatency alert on {@code instance}. */
    static String alertmanagerGroup(String status, String instance) {
        return """
                {"version": "4", "status": "%1$s", "receiver": "fw", "groupLabels": {}, "commonLabels": {},
                 "commonAnnotations": {}, "externalURL": "http://am", "groupKey": "g", "truncatedAlerts": 0,
                 "alerts": [{"status": "%1$s", "labels": {"alertname": "HighLatency", "instance": "%2$s"},
                             "annotations": {"summary": "Latency high on %2$s"}, "startsAt": "2026-11-23T03:00:00Z",
                             "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "", "fingerprint": "f"}]}""".formatted(status, instance);
    }

    /** Waits for the first page and returns the id of the incident it is about. */
    static String firstPagedIncident(WebhookReceiver receiver) {
        return receiver.await(r -> r.size() == 1)
                .getFirst()
                .json()
                .path("incident")
                .path("id")
                .asText();
    }

    /** Pages are due by the clock, which the test holds still: a second of real time shows nothing is coming. */
    private static final Map<TestFirewatch, TestHttp> viewers = new java.util.IdentityHashMap<>();

    /**
     * Moves the clock once every page of the incident that went out has its outcome recorded. Outcomes are recorded
     * a moment after the receiver has the page; a jump past the page's lease before that would send it again, as a
     * page whose outcome was lost in a crash is meant to be.
     */
    static void advance(TestFirewatch firewatch, String incident, MutableClock clock, Duration by) {
        TestHttp viewer = viewers.computeIfAbsent(firewatch, f -> f.http().withKey(f.key(Role.VIEWER)));
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            var notifications =
                    viewer.getJson("/api/v1/notifications?incident=" + incident).path("notifications");
            boolean inFlight = false;
            for (var n : notifications) {
                // Claimed for its first try, no outcome yet (a failed try would have left a reason).
                inFlight |= n.path("state").asText().equals("pending")
                        && n.path("attempts").asInt() > 0
                        && !n.hasNonNull("detail");
            }
            if (!inFlight) {
                break;
            }
            assertThat(System.nanoTime())
                    .as("a page's outcome recorded within 15 s")
                    .isLessThan(until);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        clock.advance(by);
    }

    static void assertNothingNewFor(WebhookReceiver receiver, int count) {
        try {
            Thread.sleep(1500); // two polls of the paging thread, which checks the clock each second
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(receiver.received()).hasSize(count);
    }
}
