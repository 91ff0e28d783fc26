package dev.firewatch.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.MutableClock;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-call page as a responder sees it in a browser without JavaScript, on Wednesday 3 June 2026 at noon in Berlin. */
class OnCallPageTest {
    @Test
    void aResponderSeesWhoIsOnCallTheTimelineAndGapsAndOverridesAShiftFromTheForm(@TempDir Path dir) {
        try (TestFirewatch firewatch = start(dir)) {
            TestHttp rita = signedIn(firewatch, "rita");

            String page = rita.get("/oncall").body();

            assertThat(page).contains("<a href=\"/oncall\" class=\"current\">On-call</a>");
            String primary = section(page, "primary");
            assertThat(primary)
                    .contains("On call now: <strong>alice</strong> until Mon 8 Jun 09:00")
                    .contains("<svg class=\"timeline\"")
                    .contains("<line class=\"now\"")
                    .doesNotContain("gap-warning");
            assertThat(Pattern.compile("<g class=\"shift u\\d\">")
                            .matcher(primary)
                            .results()
                            .count())
                    .as("bars of layer 1 and of the final row")
                    .isGreaterThanOrEqualTo(4);
            String office = section(page, "office");
            assertThat(office)
                    .contains("On call now: <strong>rita</strong> until Wed 3 Jun 18:00")
                    .contains("<g class=\"gap\">")
                    .contains("Warning: schedule office has nobody on call 20 times in the next 4 weeks");
            assertThat(section(page, "my-shifts")).contains("office", "Wed 3 Jun 09:00", "Wed 3 Jun 18:00");

            var made = rita.postForm(
                    "/oncall/overrides",
                    Map.of(
                            "_csrf", TestHttp.csrfOf(page),
                            "schedule", "primary",
                            "user", "bob",
                            "from", "2026-06-03T13:00",
                            "until", "2026-06-03T15:00",
                            "reason", "alice at the dentist"));

            assertThat(made.statusCode()).as(made.body()).isEqualTo(303);
            String after = rita.get("/oncall").body();
            assertThat(section(after, "primary"))
                    .contains("<g class=\"shift u" + Math.floorMod("bob".hashCode(), 6) + " override\">")
                    .contains("<td>bob</td><td>Wed 3 Jun 13:00</td><td>Wed 3 Jun 15:00</td>")
                    .contains("alice at the dentist");
            String csrf = TestHttp.csrfOf(page);
            assertThat(refusal(rita, Map.of("_csrf", csrf, "schedule", "primary", "user", "bob", "until", "yesterday")))
                    .contains("The override was not made", "Until must be a date and time like 2026-06-03T14:00");
            assertThat(refusal(
                            rita,
                            Map.of(
                                    "_csrf", csrf,
                                    "schedule", "primary",
                                    "user", "bob",
                                    "from", "0001-01-01T00:00",
                                    "until", "2026-06-04T00:00")))
                    .contains("an override must lie between 1970 and 9000");

            Matcher remove = Pattern.compile("action=\"(/oncall/overrides/[^\"]+/remove)\"")
                    .matcher(after);
            assertThat(remove.find()).isTrue();
            assertThat(rita.postForm(remove.group(1), Map.of("_csrf", TestHttp.csrfOf(page)))
                            .statusCode())
                    .isEqualTo(303);
            assertThat(section(rita.get("/oncall").body(), "primary")).contains("None coming up.");
        }
    }

    @Test
    void aCalendarLinkIsShownOnceAndOpensTheFeed(@TempDir Path dir) {
        try (TestFirewatch firewatch = start(dir)) {
            TestHttp rita = signedIn(firewatch, "rita");
            String csrf = TestHttp.csrfOf(rita.get("/oncall").body());

            String shown =
                    rita.postForm("/oncall/my-calendar", Map.of("_csrf", csrf)).body();

            Matcher link = Pattern.compile("http://127\\.0\\.0\\.1:8080(/oncall/calendar/[a-z0-9]+\\.ics)")
                    .matcher(shown);
            assertThat(link.find()).as(shown).isTrue();
            assertThat(ICalendarTest.events(firewatch.http().get(link.group(1)).body()))
                    .extracting(e -> e.get("SUMMARY"))
                    .containsOnly("On call: office");
            assertThat(rita.get("/oncall").body()).doesNotContain(link.group(1));
        }
    }

    /** The page the form answers with when it refuses an override: a 400 that says why. */
    private static String refusal(TestHttp browser, Map<String, String> form) {
        var response = browser.postForm("/oncall/overrides", form);
        assertThat(response.statusCode()).isEqualTo(400);
        return response.body();
    }

    static TestFirewatch start(Path dir) {
        return TestFirewatch.start(dir, OnCallApiTest.CONFIG, MutableClock.at("2026-06-03T10:00:00Z"), Map.of());
    }

    /** A browser signed in as a user from the config, through the login form. */
    static TestHttp signedIn(TestFirewatch firewatch, String user) {
        firewatch.setPassword(user, user + "-password-1");
        TestHttp browser = firewatch.http();
        browser.signIn(user, user + "-password-1");
        return browser;
    }

    /** The part of the page with that id, up to the next section. */
    private static String section(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        int schedule = page.indexOf("id=\"schedule-" + id + "\"");
        int from = start >= 0 ? start : schedule;
        assertThat(from)
                .as("an element with id %s or schedule-%s in%n%s", id, id, page)
                .isNotNegative();
        int end = page.indexOf("<section", from + 1);
        return end < 0 ? page.substring(from) : page.substring(from, end);
    }
}
