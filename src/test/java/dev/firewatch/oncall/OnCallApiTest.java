package dev.firewatch.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.MutableClock;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Schedules through HTTP as a script or a calendar app uses them, on a fixed clock: Wednesday 3 June 2026, noon in Berlin. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnCallApiTest {
    static final String CONFIG = TestFirewatch.withResponders("alice", "bob") + """
            schedules:
              - name: primary
                timezone: Europe/Berlin
                layers:
                  - name: weekly
                    users: [alice, bob]
                    rotation: weekly
                    start: 2026-06-01T09:00
              - name: office
                timezone: Europe/Berlin
                layers:
                  - users: [rita]
                    rotation: weekly
                    start: 2026-06-01T00:00
                    restrictions:
                      - days: [monday, tuesday, wednesday, thursday, friday]
                        from: "09:00"
                        to: "18:00"
            """;

    TestFirewatch firewatch;
    TestHttp responder;
    TestHttp viewer;

    /** The config the server runs; the PostgreSQL run adds its store. */
    String config() {
        return CONFIG;
    }

    @BeforeAll
    void start(@TempDir Path dir) {
        firewatch = TestFirewatch.start(dir, config(), MutableClock.at("2026-06-03T10:00:00Z"), Map.of());
        responder = firewatch.http().withKey(firewatch.key(Role.RESPONDER));
        viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
    }

    @AfterAll
    void stop() {
        firewatch.close();
    }

    @Test
    void anOverrideMadeByAResponderIsWhoIsOnCallUntilItIsRemoved() {
        String body = """
                {"user": "bob", "start": "2026-06-03T11:00:00Z", "end": "2026-06-03T15:00:00+02:00",
                 "reason": "alice at the dentist"}""";

        assertThat(viewer.postJson("/api/v1/schedules/primary/overrides", body).statusCode())
                .isEqualTo(403);
        var created = responder.postJson("/api/v1/schedules/primary/overrides", body);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode override = json(created.body());
        assertThat(override.path("user").asText()).isEqualTo("bob");
        assertThat(override.path("end").asText()).isEqualTo("2026-06-03T13:00:00.000Z");
        assertThat(override.path("created_by").asText()).startsWith("key:");
        JsonNode during = viewer.getJson("/api/v1/schedules/primary/oncall?at=2026-06-03T12:00:00Z");
        assertThat(during.path("on_call").path("user").asText()).isEqualTo("bob");
        assertThat(during.path("on_call").path("source").asText()).isEqualTo("override");
        assertThat(during.path("on_call").path("reason").asText()).isEqualTo("alice at the dentist");
        JsonNode after = viewer.getJson("/api/v1/schedules/primary/oncall?at=2026-06-03T13:00:00Z");
        assertThat(after.path("on_call").path("user").asText()).isEqualTo("alice");
        assertThat(after.path("on_call").path("start").asText()).isEqualTo("2026-06-03T13:00:00.000Z");
        assertThat(viewer.getJson("/api/v1/schedules/primary/overrides").path("overrides"))
                .extracting(o -> o.path("id").asText())
                .containsExactly(override.path("id").asText());

        String path =
                "/api/v1/schedules/primary/overrides/" + override.path("id").asText();
        assertThat(viewer.send("DELETE", path).statusCode()).isEqualTo(403);
        assertThat(responder.send("DELETE", path).statusCode()).isEqualTo(200);
        assertThat(responder.send("DELETE", path).statusCode()).isEqualTo(404);
        assertThat(viewer.getJson("/api/v1/schedules/primary/oncall?at=2026-06-03T12:00:00Z")
                        .path("on_call")
                        .path("user")
                        .asText())
                .isEqualTo("alice");
        assertThat(firewatch
                        .http()
                        .withKey(firewatch.key(Role.ADMIN))
                        .get("/api/v1/audit")
                        .body())
                .contains("override.create", "override.remove");
    }

    @Test
    void anOverrideThatCannotBeTakenIsRefusedWithWhatToFix() {
        assertThat(refusal("{\"user\": \"vera\", \"end\": \"2026-06-04T00:00:00Z\"}"))
                .contains("vera is a viewer and could not acknowledge a page");
        assertThat(refusal("{\"user\": \"bbo\", \"end\": \"2026-06-04T00:00:00Z\"}"))
                .contains("no user named \\\"bbo\\\"; users: admin, rita, alice, bob");
        assertThat(refusal(
                        "{\"user\": \"bob\", \"start\": \"2026-06-04T00:00:00Z\", \"end\": \"2026-06-03T20:00:00Z\"}"))
                .contains("must end after it starts");
        assertThat(refusal(
                        "{\"user\": \"bob\", \"start\": \"2026-06-01T00:00:00Z\", \"end\": \"2026-06-02T00:00:00Z\"}"))
                .contains("which has passed");
        assertThat(refusal("{\"user\": \"bob\", \"end\": \"tomorrow\"}"))
                .contains("end must be an RFC 3339 time")
                .contains("\"field\":\"end\"");
        assertThat(refusal("{\"user\": \"bob\"}")).contains("end is required");
        var unknown = responder.postJson("/api/v1/schedules/secondary/overrides", "{\"user\": \"bob\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no schedule named \\\"secondary\\\"");
    }

    private String refusal(String body) {
        var response = responder.postJson("/api/v1/schedules/primary/overrides", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return response.body();
    }

    @Test
    void shiftsAndGapsOfARangeKeepTheWholeLengthOfShiftsAtItsEdges() {
        JsonNode office =
                viewer.getJson("/api/v1/schedules/office/shifts?from=2026-06-05T12:00:00Z&to=2026-06-08T12:00:00Z");

        assertThat(office.path("shifts"))
                .extracting(s -> s.path("user").asText() + " " + s.path("start").asText() + ".."
                        + s.path("end").asText())
                .containsExactly(
                        "rita 2026-06-05T07:00:00.000Z..2026-06-05T16:00:00.000Z",
                        "rita 2026-06-08T07:00:00.000Z..2026-06-08T16:00:00.000Z");
        assertThat(office.path("gaps"))
                .extracting(g -> g.path("start").asText() + ".." + g.path("end").asText())
                .containsExactly("2026-06-05T16:00:00.000Z..2026-06-08T07:00:00.000Z");
        var tooLong = viewer.get("/api/v1/schedules/office/shifts?from=2026-06-01T00:00:00Z&to=2027-06-01T00:00:00Z");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("at most 93 days");
    }

    @Test
    void aPersonsShiftsComeFromEverySchedule() {
        JsonNode rita = viewer.getJson("/api/v1/users/rita/shifts?from=2026-06-03T00:00:00Z&to=2026-06-05T00:00:00Z");

        assertThat(rita.path("shifts"))
                .extracting(
                        s -> s.path("schedule").asText() + " " + s.path("start").asText())
                .containsExactly("office 2026-06-03T07:00:00.000Z", "office 2026-06-04T07:00:00.000Z");
        var nobody = viewer.get("/api/v1/users/ritta/shifts");
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(nobody.body()).contains("no user named \\\"ritta\\\"");
        JsonNode schedules = viewer.getJson("/api/v1/schedules");
        assertThat(schedules.path("schedules"))
                .extracting(s -> s.path("name").asText() + " "
                        + s.path("on_call").path("user").asText(""))
                .containsExactly("primary alice", "office rita");
        assertThat(schedules
                        .path("schedules")
                        .get(1)
                        .path("layers")
                        .get(0)
                        .path("restrictions")
                        .get(0)
                        .asText())
                .isEqualTo("mon-fri 09:00-18:00");
    }

    @Test
    void aSecretCalendarLinkServesTheShiftsAndAWrongOrReplacedOneServesNothing() {
        var made = responder.postJson("/api/v1/schedules/primary/calendar", "");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String url = json(made.body()).path("url").asText();
        assertThat(url).startsWith("http://127.0.0.1:8080/oncall/calendar/").endsWith(".ics");
        String path = java.net.URI.create(url).getPath();

        var feed = firewatch.http().get(path);

        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
        List<Map<String, String>> events = ICalendarTest.events(feed.body());
        assertThat(events).first().satisfies(first -> {
            assertThat(first).containsEntry("DTSTART", "20260601T070000Z").containsEntry("DTEND", "20260608T070000Z");
            assertThat(first).containsEntry("SUMMARY", "On call: alice");
        });
        assertThat(events).extracting(e -> e.get("SUMMARY")).containsSubsequence("On call: alice", "On call: bob");
        assertThat(firewatch.http().get("/oncall/calendar/not-the-token.ics").statusCode())
                .isEqualTo(404);

        var again = responder.postJson("/api/v1/schedules/primary/calendar", "");
        assertThat(firewatch.http().get(path).statusCode()).isEqualTo(404);
        String newPath = linkPath(again.body());
        assertThat(firewatch.http().get(newPath).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyThePersonOrAnAdminMakesAPersonalCalendarLink() {
        TestHttp alice = OnCallPageTest.signedIn(firewatch, "alice");
        String csrf = TestHttp.csrfOf(alice.get("/").body());

        var own = alice.post("/api/v1/users/alice/calendar", null, new byte[0], "X-CSRF-Token", csrf);
        var other = alice.post("/api/v1/users/bob/calendar", null, new byte[0], "X-CSRF-Token", csrf);

        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        assertThat(other.statusCode()).isEqualTo(403);
        String path = linkPath(own.body());
        List<Map<String, String>> events =
                ICalendarTest.events(firewatch.http().get(path).body());
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.get("SUMMARY"))
                .isEqualTo("On call: primary"));
        assertThat(responder.postJson("/api/v1/users/alice/calendar", "").statusCode())
                .isEqualTo(403);
    }

    /** The path of the secret link in an answer: the link names the configured public URL, not the test port. */
    static String linkPath(String body) {
        return java.net.URI.create(json(body).path("url").asText()).getPath();
    }

    static JsonNode json(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(body, e);
        }
    }
}
