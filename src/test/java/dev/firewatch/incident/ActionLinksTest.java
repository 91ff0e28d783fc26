package dev.firewatch.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.MutableClock;
import dev.firewatch.testing.PostgresDatabases;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The links in a page's message (DESIGN §3.1 "One-click links"): following one only asks, the button acts
 * once, and a link that is old, changed or made elsewhere does nothing.
 */
class ActionLinksTest {
    static final String PUBLIC_URL = "https://firewatch.example.com";
    static final String CONFIG = IncidentActionsTest.CONFIG.replace(
            "  host: 127.0.0.1\n", "  host: 127.0.0.1\n  public_url: " + PUBLIC_URL + "\n");

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aLinkAsksFirstActsOnceAndSaysWhatHappenedWhenUsedAgainEvenAfterARestart(String store, @TempDir Path dir)
            throws Exception {
        String url = store.equals("postgresql") ? PostgresDatabases.create() : null;
        String config = url == null ? CONFIG : CONFIG + "store:\n  url: " + url + "\n  pool_size: 4\n";
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T03:00:00Z"));
        try {
            ActionLinks.Links links;
            ActionLinks.Links bobs;
            ActionLinks.Links second;
            String number;
            try (TestFirewatch firewatch = TestFirewatch.start(dir, config, clock, Map.of())) {
                TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
                JsonNode incident = IncidentActionsTest.open(firewatch, viewer, "db-1");
                number = incident.path("number").asText();
                links = firewatch
                        .app()
                        .actionLinks()
                        .links(
                                incident.path("id").asText(),
                                incident.path("number").asLong(),
                                "alice");
                assertThat(links.incident()).isEqualTo(PUBLIC_URL + "/incidents/" + number);
                assertThat(links.acknowledge()).startsWith(PUBLIC_URL + "/act/");
                assertThat(links.resolve()).startsWith(PUBLIC_URL + "/act/").isNotEqualTo(links.acknowledge());

                // Following the link, as a mail scanner would, only asks.
                TestHttp stranger = firewatch.http();
                HttpResponse<String> asked = stranger.get(path(links.acknowledge()), "Accept", "text/html");
                assertThat(asked.statusCode()).isEqualTo(200);
                assertThat(asked.body())
                        .contains("Acknowledge incident #" + number + " — Database db-1 does not answer?")
                        .contains("<form method=\"post\"")
                        .contains(">Acknowledge</button>");
                assertThat(asked.headers().firstValue("Referrer-Policy")).contains("no-referrer");
                assertThat(viewer.getJson(api(number)).path("state").asText()).isEqualTo("triggered");

                HttpResponse<String> acted = post(stranger, links.acknowledge());
                assertThat(acted.statusCode()).isEqualTo(200);
                assertThat(acted.body()).contains("Acknowledged by alice via link at 2026-11-23 03:00:00 UTC");
                JsonNode acknowledged = viewer.getJson(api(number));
                assertThat(acknowledged.path("state").asText()).isEqualTo("acknowledged");
                assertThat(acknowledged.path("timeline").findValuesAsText("text"))
                        .contains("Acknowledged by alice via link");

                // Used again: says what happened, who and when, and changes nothing.
                clock.advance(Duration.ofMinutes(5));
                int lines = viewer.getJson(api(number)).path("timeline").size();
                HttpResponse<String> again = post(stranger, links.acknowledge());
                assertThat(again.statusCode()).isEqualTo(200);
                assertThat(again.body())
                        .contains("This link was used at 2026-11-23 03:00:00 UTC: acknowledged by alice via link")
                        .doesNotContain("<button");
                assertThat(viewer.getJson(api(number)).path("timeline").size()).isEqualTo(lines);

                // Someone else's acknowledge link finds nothing to do and says who did it.
                bobs = firewatch
                        .app()
                        .actionLinks()
                        .links(
                                incident.path("id").asText(),
                                incident.path("number").asLong(),
                                "bob");
                HttpResponse<String> late = post(stranger, bobs.acknowledge());
                assertThat(late.statusCode()).isEqualTo(200);
                assertThat(late.body())
                        .contains("Already acknowledged")
                        .contains("acknowledged by alice via link at 2026-11-23 03:00:00 UTC");

                // A second incident's links, to use after the restart.
                JsonNode other = IncidentActionsTest.open(firewatch, viewer, "db-2");
                second = firewatch
                        .app()
                        .actionLinks()
                        .links(other.path("id").asText(), other.path("number").asLong(), "alice");
            }

            // The key is in the store: links made before a restart work after it.
            try (TestFirewatch firewatch = TestFirewatch.start(dir, config, clock, Map.of())) {
                TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
                TestHttp stranger = firewatch.http();
                HttpResponse<String> resolved = post(stranger, links.resolve());
                assertThat(resolved.statusCode()).isEqualTo(200);
                assertThat(resolved.body()).contains("Resolved by alice via link");
                assertThat(viewer.getJson(api(number)).path("timeline").findValuesAsText("text"))
                        .contains("Resolved by alice via link");
                assertThat(post(stranger, links.resolve()).body()).contains("This link was used at");
                // An acknowledge link, never used, on a resolved incident says so.
                assertThat(post(stranger, bobs.acknowledge()).body())
                        .contains("Already resolved")
                        .contains("resolved by alice via link");
                String secondNumber = path(second.incident()).replace("/incidents/", "");
                assertThat(stranger.get(path(second.resolve()), "Accept", "text/html")
                                .body())
                        .contains("Resolve incident #" + secondNumber);
                assertThat(post(stranger, second.acknowledge()).body()).contains("Acknowledged by alice via link");
                assertThat(viewer.getJson(api(secondNumber)).path("state").asText())
                        .isEqualTo("acknowledged");
            }
        } finally {
            if (url != null) {
                PostgresDatabases.drop(url);
            }
        }
    }

    @Test
    void aLinkStopsWorkingAfterItsTimeAndSaysWhereToGoInstead(@TempDir Path dir) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T03:00:00Z"));
        try (TestFirewatch firewatch = TestFirewatch.start(dir, CONFIG, clock, Map.of())) {
            TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            JsonNode incident = IncidentActionsTest.open(firewatch, viewer, "db-3");
            String number = incident.path("number").asText();
            ActionLinks.Links links = firewatch
                    .app()
                    .actionLinks()
                    .links(incident.path("id").asText(), incident.path("number").asLong(), "alice");

            clock.advance(Duration.ofHours(23).plusMinutes(59));
            assertThat(firewatch.http().get(path(links.acknowledge())).statusCode())
                    .as("still good just under a day later")
                    .isEqualTo(200);
            clock.advance(Duration.ofHours(1).plusMinutes(1));
            for (String method : List.of("GET", "POST")) {
                HttpResponse<String> expired = method.equals("GET")
                        ? firewatch.http().get(path(links.acknowledge()), "Accept", "text/html")
                        : post(firewatch.http(), links.acknowledge());
                assertThat(expired.statusCode()).as(method).isEqualTo(410);
                assertThat(expired.body())
                        .contains("This link has expired")
                        .contains("stopped working at 2026-11-24 03:00:00 UTC")
                        .contains("href=\"" + PUBLIC_URL + "/incidents/" + number + "\"");
            }
            assertThat(viewer.getJson(api(number)).path("state").asText()).isEqualTo("triggered");
        }
    }

    @Test
    void notifyLinksValidForSetsHowLongALinkWorks(@TempDir Path dir) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T03:00:00Z"));
        String config = CONFIG + "notify:\n  links_valid_for: 2h\n";
        try (TestFirewatch firewatch = TestFirewatch.start(dir, config, clock, Map.of())) {
            TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            JsonNode incident = IncidentActionsTest.open(firewatch, viewer, "db-4");
            ActionLinks.Links links = firewatch
                    .app()
                    .actionLinks()
                    .links(incident.path("id").asText(), incident.path("number").asLong(), "alice");
            clock.advance(Duration.ofHours(2));
            assertThat(post(firewatch.http(), links.resolve()).statusCode()).isEqualTo(410);
        }
    }

    @Test
    void aChangedForgedOrMangledLinkDoesNothing(@TempDir Path dir) {
        try (TestFirewatch firewatch = TestFirewatch.start(dir, CONFIG, Clock.systemUTC(), Map.of())) {
            TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            JsonNode incident = IncidentActionsTest.open(firewatch, viewer, "db-5");
            String number = incident.path("number").asText();
            ActionLinks.Links links = firewatch
                    .app()
                    .actionLinks()
                    .links(incident.path("id").asText(), incident.path("number").asLong(), "alice");
            String token = path(links.acknowledge()).substring("/act/".length());
            String payload = new String(
                    Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
            String tag = token.substring(token.indexOf('.') + 1);
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();

            List<String> bad = List.of(
                    // an acknowledge link made into a resolve link
                    base64.encodeToString(payload.replace("\na\n", "\nr\n").getBytes(StandardCharsets.UTF_8)) + "."
                            + tag,
                    // someone else's name put in
                    base64.encodeToString(payload.replace("alice", "mallory").getBytes(StandardCharsets.UTF_8)) + "."
                            + tag,
                    // the tag changed
                    token.substring(0, token.indexOf('.') + 1) + base64.encodeToString(flipped(tag)),
                    // cut short, not base64, nothing like a token
                    token.substring(0, token.indexOf('.')),
                    token.substring(0, token.length() / 2),
                    "***.~~~",
                    "x");
            for (String forged : bad) {
                for (String method : List.of("GET", "POST")) {
                    HttpResponse<String> refused = method.equals("GET")
                            ? firewatch.http().get("/act/" + forged, "Accept", "text/html")
                            : firewatch.http().postForm("/act/" + forged, Map.of());
                    assertThat(refused.statusCode()).as("%s %s", method, forged).isEqualTo(400);
                    assertThat(refused.body()).contains("This link does not work");
                }
            }
            assertThat(viewer.getJson(api(number)).path("state").asText()).isEqualTo("triggered");
            assertThat(viewer.getJson(api(number)).path("timeline").findValuesAsText("text"))
                    .noneMatch(line -> line.contains("via link"));
        }
    }

    @Test
    void linksCannotBeMadeBeforeTheKeyIsLoaded() {
        ActionLinks unloaded = new ActionLinks(null, Clock.systemUTC(), () -> Duration.ofHours(24), PUBLIC_URL);
        assertThatThrownBy(() -> unloaded.links("0195f3c2-7b1e-7c3a-9d2e-4f1a2b3c4d5e", 1, "alice"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("load()");
    }

    private static byte[] flipped(String tag) {
        byte[] bytes = Base64.getUrlDecoder().decode(tag);
        bytes[0] ^= 1;
        return bytes;
    }

    /** The link's path: the test server listens on loopback, not at the public URL links name. */
    static String path(String link) {
        return URI.create(link).getRawPath();
    }

    static String api(String number) {
        return "/api/v1/incidents/" + number;
    }

    /** What the confirm page's button sends: a form POST to the same address, with no session and no token. */
    static HttpResponse<String> post(TestHttp http, String link) {
        return http.postForm(path(link), Map.of(), "Accept", "text/html");
    }
}
