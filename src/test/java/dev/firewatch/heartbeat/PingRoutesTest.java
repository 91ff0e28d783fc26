package dev.firewatch.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.MutableClock;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ping URLs over real HTTP, as cron jobs and curl call them, and what the API and pages then show. */
class PingRoutesTest {
    static final String BACKUP = "6f1b7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e";
    static final String REPORT = "0b6f3a52-93c4-4d2e-a1f0-2c9e8d7b6a51";
    static final String CHATTY = "9c8b7a6f-5e4d-4c3b-8a29-180f7e6d5c4b";
    static final String CONFIG = TestFirewatch.BASE_CONFIG + """
            heartbeats:
              - name: nightly-backup
                uuid: %s
                service: demo
                period: 1d
                grace: 1h
                max_runtime: 30m
              - name: weekly-report
                uuid: %s
                service: demo
                cron: "0 6 * * mon"
                timezone: Europe/Berlin
                grace: 2h
              - name: chatty
                uuid: %s
                service: demo
                period: 1m
                grace: 1m
            """.formatted(BACKUP, REPORT, CHATTY);

    @TempDir
    static Path dir;

    static MutableClock clock = MutableClock.at("2026-12-07T02:00:00Z");
    static TestFirewatch firewatch;
    static TestHttp job;
    static TestHttp viewer;

    @BeforeAll
    static void start() {
        firewatch = TestFirewatch.start(dir, CONFIG, clock, Map.of());
        job = firewatch.http();
        viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
    }

    @AfterAll
    static void stop() {
        firewatch.close();
    }

    static JsonNode heartbeat(String name) {
        return viewer.getJson("/api/v1/heartbeats/" + name);
    }

    static JsonNode pings(String name) {
        return viewer.getJson("/api/v1/heartbeats/" + name + "/pings").path("pings");
    }

    @Test
    void aStartAndAPostedSuccessAnswerOkAndKeepTheLogAndTheRunTime() {
        HttpResponse<String> started = job.get("/ping/" + BACKUP + "/start", "User-Agent", "backup.sh");
        clock.advance(Duration.ofSeconds(95));
        HttpResponse<String> done = job.post(
                "/ping/" + BACKUP,
                "text/plain",
                "dumped 3 databases\n41 GiB written\n".getBytes(StandardCharsets.UTF_8),
                "User-Agent",
                "backup.sh");

        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(started.body()).isEqualTo("OK");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).isEqualTo("OK");
        JsonNode newest = pings("nightly-backup").path(0);
        assertThat(newest.path("kind").asText()).isEqualTo("success");
        assertThat(newest.path("method").asText()).isEqualTo("POST");
        assertThat(newest.path("body").asText()).isEqualTo("dumped 3 databases\n41 GiB written\n");
        assertThat(newest.path("run_ms").asLong()).isEqualTo(95_000);
        assertThat(newest.path("user_agent").asText()).isEqualTo("backup.sh");
        assertThat(pings("nightly-backup").path(1).path("kind").asText()).isEqualTo("start");
        JsonNode heartbeat = heartbeat("nightly-backup");
        assertThat(heartbeat.path("status").asText()).isEqualTo("up");
        assertThat(heartbeat.path("last_run_ms").asLong()).isEqualTo(95_000);
        assertThat(heartbeat.path("ping_url").asText()).isEqualTo("http://127.0.0.1:8080/ping/" + BACKUP);
    }

    @Test
    void exitCodesZeroIsUpAndNonZeroIsDownWithTheCode() {
        assertThat(job.get("/ping/" + REPORT + "/0").statusCode()).isEqualTo(200);
        assertThat(heartbeat("weekly-report").path("status").asText()).isEqualTo("up");

        assertThat(job.send("POST", "/ping/" + REPORT + "/3").statusCode()).isEqualTo(200);
        JsonNode failed = heartbeat("weekly-report");
        assertThat(failed.path("status").asText()).isEqualTo("down");
        assertThat(failed.path("exit_code").asInt()).isEqualTo(3);
        assertThat(failed.path("reason").asText()).startsWith("Heartbeat weekly-report failed with exit code 3 at ");
        assertThat(pings("weekly-report").path(0).path("exit_code").asInt()).isEqualTo(3);

        assertThat(job.get("/ping/" + REPORT).statusCode()).isEqualTo(200);
        assertThat(heartbeat("weekly-report").path("status").asText()).isEqualTo("up");
    }

    @Test
    void onlyTheFirstTenKibOfABodyIsKept() {
        byte[] big = "x".repeat(50_000).getBytes(StandardCharsets.UTF_8);

        assertThat(job.post("/ping/" + BACKUP + "/fail", "text/plain", big).statusCode())
                .isEqualTo(200);

        assertThat(pings("nightly-backup").path(0).path("body").asText()).hasSize(10 * 1024);
        job.get("/ping/" + BACKUP);
    }

    @Test
    void eachHeartbeatKeepsItsNewestHundredPings() {
        for (int i = 1; i <= 125; i++) {
            job.post("/ping/" + CHATTY, "text/plain", ("run " + i).getBytes(StandardCharsets.UTF_8));
        }

        JsonNode kept =
                viewer.getJson("/api/v1/heartbeats/chatty/pings?limit=1000").path("pings");
        assertThat(kept.size()).isBetween(Heartbeats.KEPT_PINGS, Heartbeats.KEPT_PINGS + 9);
        assertThat(kept.path(0).path("body").asText()).isEqualTo("run 125");
        assertThat(viewer.getJson("/api/v1/heartbeats/chatty/pings?limit=10")
                        .path("next_cursor")
                        .asText())
                .isNotEmpty();
    }

    @Test
    void aBodyOverTheServersLimitIsRefusedWith413() {
        byte[] huge = new byte[1024 * 1024 + 1];

        HttpResponse<String> response = job.post("/ping/" + BACKUP, "application/octet-stream", huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("server.max_body");
    }

    @Test
    void anUnknownUuidIsA404ThatSaysWhereUuidsComeFrom() {
        HttpResponse<String> response = job.get("/ping/11111111-2222-4333-8444-555555555555");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body())
                .contains("no heartbeat has the ping id 11111111-2222-4333-8444-555555555555")
                .contains("heartbeats[].uuid");
    }

    @Test
    void aPingIdThatIsNoUuidAndAKindThatIsNoneAre404s() {
        assertThat(job.get("/ping/nightly-backup").statusCode()).isEqualTo(404);
        assertThat(job.get("/ping/nightly-backup").body()).contains("the ping id is a UUID");
        HttpResponse<String> code = job.get("/ping/" + BACKUP + "/256");
        assertThat(code.statusCode()).isEqualTo(404);
        assertThat(code.body()).contains("<exit code from 0 to 255>");
        assertThat(job.get("/ping/" + BACKUP + "/finish").statusCode()).isEqualTo(404);
    }

    @Test
    void theApiNeedsAViewerAndNamesAnUnknownHeartbeat() {
        assertThat(job.get("/api/v1/heartbeats").statusCode()).isEqualTo(401);
        JsonNode all = viewer.getJson("/api/v1/heartbeats");
        assertThat(all.path("heartbeats").findValuesAsText("name"))
                .containsExactly("nightly-backup", "weekly-report", "chatty");
        assertThat(all.has("next_cursor")).isTrue();
        assertThat(all.path("heartbeats").path(1).path("schedule").asText())
                .isEqualTo("cron 0 6 * * mon (Europe/Berlin)");
        HttpResponse<String> unknown = viewer.get("/api/v1/heartbeats/nightly");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no heartbeat named \\\"nightly\\\"");
    }

    @Test
    void thePagesShowTheTabsTheStatusThePingUrlAndRefreshThemselves() {
        job.get("/ping/" + BACKUP);

        String list = viewer.get("/heartbeats").body();
        assertThat(list)
                .contains("aria-label=\"Detection\"")
                .contains("href=\"/heartbeats\" class=\"current\"")
                .contains("/ping/" + BACKUP)
                .contains("hx-get=\"/heartbeats?part=table\"")
                .contains("hx-trigger=\"every 5s\"");
        String table = viewer.get("/heartbeats?part=table").body();
        assertThat(table).startsWith("<div id=\"heartbeat-table\"").doesNotContain("<html");
        String detail = viewer.get("/heartbeats/nightly-backup").body();
        assertThat(detail)
                .contains("id=\"pings\"")
                .contains("<svg class=\"pings\"")
                .contains("success");
        assertThat(viewer.get("/heartbeats/nightly-backup?part=log").body()).startsWith("<div id=\"heartbeat-log\"");
        assertThat(viewer.get("/heartbeats/nope").statusCode()).isEqualTo(404);
    }
}
