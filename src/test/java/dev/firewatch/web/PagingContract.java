package dev.firewatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.AlertmanagerBatch;
import dev.firewatch.testing.AlertmanagerBatch.Sent;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Long lists, read as a person reads them, by following the "older" links, and as a script does, by following
 * {@code next_cursor}: every alert or incident once, none skipped, newest first, under each filter. A storm
 * of 300 alerts on {@code demo} (one incident, since demo groups by alertname; every fifth alert resolved,
 * every third on team db) and 210 alerts on {@code db}, each its own incident. Subclasses say which store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PagingContract {
    static final Pattern ALERT = Pattern.compile("(Storm s-\\d{3}|Slow d-\\d{3})");
    static final Pattern INCIDENT_ROW = Pattern.compile("<td><a href=\"/incidents/(\\d+)\">\\1</a></td>");
    static final Pattern TIMELINE_ROW = Pattern.compile("<tr><td>[^<]*</td><td>([^<]*)</td></tr>");

    TestFirewatch firewatch;
    TestHttp person;
    TestHttp api;
    /** What was sent, oldest first: the order in which Firewatch stored the alerts. */
    final List<Sent> sent = new ArrayList<>();

    /** The store's section of the config; empty for SQLite. */
    abstract String storeSection();

    void dropStore() {}

    @BeforeAll
    void start(@TempDir Path dir) {
        String config = TestFirewatch.BASE_CONFIG.replace("""
                    integration_key: demo-key
                """, """
                    integration_key: demo-key
                    group_by: [alertname]
                  - name: db
                    integration_key: db-key
                """) + storeSection();
        firewatch = TestFirewatch.start(dir, config, Clock.systemUTC(), Map.of());
        firewatch.setPassword("vera", "vera-password-1");
        person = firewatch.http();
        assertThat(person.signIn("vera", "vera-password-1").statusCode()).isEqualTo(303);
        api = firewatch.http().withKey(firewatch.key(Role.RESPONDER));

        List<Sent> storm = IntStream.range(0, 300)
                .mapToObj(i -> new Sent(
                        Map.of(
                                "alertname",
                                "Storm",
                                "instance",
                                "s-%03d".formatted(i),
                                "team",
                                i % 3 == 0 ? "db" : "web"),
                        "Storm s-%03d".formatted(i)))
                .toList();
        List<Sent> slow = IntStream.range(0, 210)
                .mapToObj(i -> new Sent(
                        Map.of("alertname", "Slow", "instance", "d-%03d".formatted(i), "team", "db"),
                        "Slow d-%03d".formatted(i)))
                .toList();
        post("demo-key", AlertmanagerBatch.body("firing", storm));
        post("db-key", AlertmanagerBatch.body("firing", slow));
        post(
                "demo-key",
                AlertmanagerBatch.body(
                        "resolved",
                        IntStream.range(0, 300)
                                .filter(i -> i % 5 == 0)
                                .mapToObj(storm::get)
                                .toList()));
        sent.addAll(storm);
        sent.addAll(slow);
        Eventually.within(
                Duration.ofSeconds(30),
                () -> api.getJson("/api/v1/alerts?state=resolved&limit=1000")
                                        .path("alerts")
                                        .size()
                                == 60
                        && api.getJson("/api/v1/alerts?limit=1000")
                                        .path("alerts")
                                        .size()
                                == 510,
                done -> done);
        // Some open incidents acknowledged, so "open" is two states, read as two ranges and merged.
        for (int number = 2; number <= 60; number += 2) {
            assertThat(api.postJson("/api/v1/incidents/" + number + "/acknowledge", "")
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @AfterAll
    void stop() {
        firewatch.close();
        dropStore();
    }

    static Stream<Arguments> filters() {
        Predicate<Sent> any = s -> true;
        Predicate<Sent> firing = s -> !resolved(s);
        Predicate<Sent> demo = s -> s.summary().startsWith("Storm");
        Predicate<Sent> teamDb = s -> s.labels().get("team").equals("db");
        return Stream.of(
                arguments("every alert", "state=all", "", any),
                arguments("firing alerts", "state=firing", "state=firing", firing),
                arguments("resolved alerts", "state=resolved", "state=resolved", (Predicate<Sent>)
                        PagingContract::resolved),
                arguments("one service", "state=all&service=demo", "service=demo", demo),
                arguments(
                        "one service, firing",
                        "state=firing&service=demo",
                        "state=firing&service=demo",
                        demo.and(firing)),
                arguments("a label", "state=all&label=" + encode("team=db"), "label=" + encode("team=db"), teamDb),
                arguments(
                        "a label among firing alerts",
                        "state=firing&label=" + encode("team=db"),
                        "state=firing&label=" + encode("team=db"),
                        teamDb.and(firing)),
                arguments(
                        "two labels and a service",
                        "state=all&service=demo&label=" + encode("alertname=Storm,team=web"),
                        "service=demo&label=" + encode("alertname=Storm,team=web"),
                        demo.and(teamDb.negate())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void olderLinksWalkTheAlertsPageThroughEveryMatchingAlertOnce(
            String filter, String query, String apiQuery, Predicate<Sent> matches) {
        List<String> expected = newestFirst(matches);
        Walk walk = walk("/alerts?" + query, "alerts", "older");
        assertThat(walk.tokens(ALERT)).as("alerts shown, page after page").containsExactlyElementsOf(expected);
        assertThat(walk.pages().size()).as("pages").isEqualTo(Math.max(1, (expected.size() + 199) / 200));
        assertThat(walk.pages().getFirst()).doesNotContain("id=\"newest\"");
        if (walk.pages().size() > 1) {
            assertThat(walk.pages().get(1))
                    .as("an older page links back to the newest")
                    .contains("id=\"newest\"");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void nextCursorWalksTheApiThroughEveryMatchingAlertOnce(
            String filter, String query, String apiQuery, Predicate<Sent> matches) {
        List<String> summaries = new ArrayList<>();
        apiPages("/api/v1/alerts?limit=37&" + apiQuery).forEach(page -> page.path("alerts")
                .forEach(a -> summaries.add(a.path("summary").asText())));
        assertThat(summaries).containsExactlyElementsOf(newestFirst(matches));
    }

    @Test
    void theAlertsPageStillRefreshesThePageItShows() {
        Walk walk = walk("/alerts?state=all", "alerts", "older");
        assertThat(walk.pages().get(1))
                .as("the second page's refresh keeps its cursor, so the rows do not jump back to the newest")
                .containsPattern(
                        "hx-get=\"/alerts/table\\?state=all&amp;service=&amp;label=&amp;before=[0-9a-f-]{36}\"");
    }

    @Test
    void anIncidentWithMoreAlertsThanAPageShowsTheNewestAndLinksToOlderOnes() {
        String number = stormIncident();
        String first = person.get("/incidents/" + number).body();
        assertThat(first).contains("Alerts (300)").contains("id=\"older-alerts\"");
        assertThat(tokens(section(first, "alerts"), ALERT))
                .as("the newest hundred, newest first")
                .containsExactlyElementsOf(
                        newestFirst(s -> s.summary().startsWith("Storm")).subList(0, 100));

        Walk walk = walk("/incidents/" + number, "alerts", "older-alerts");
        assertThat(walk.pages()).hasSize(3);
        assertThat(walk.tokens(ALERT))
                .containsExactlyElementsOf(newestFirst(s -> s.summary().startsWith("Storm")));
    }

    @Test
    void anIncidentsTimelineShowsItsLatestEntriesInOrderAndLinksToEarlierOnes() {
        String number = stormIncident();
        String first = person.get("/incidents/" + number).body();
        List<String> latest = tokens(section(first, "timeline"), TIMELINE_ROW);
        assertThat(latest).hasSize(100);
        assertThat(latest.getLast()).as("read top to bottom, the latest last").isEqualTo("Alert resolved: Storm s-295");
        assertThat(first).contains("id=\"earlier-timeline\"");

        List<String> everything = new ArrayList<>();
        Walk walk = walk("/incidents/" + number, "timeline", "earlier-timeline");
        for (String page : walk.pages().reversed()) {
            everything.addAll(tokens(section(page, "timeline"), TIMELINE_ROW));
        }
        // One entry for the opening, one per alert that joined (299) and one per alert that resolved (60), and
        // paging's line that the service has no policy, whenever the bus got to it.
        assertThat(everything).hasSize(361).doesNotHaveDuplicates();
        assertThat(everything)
                .filteredOn(e -> e.contains("has no escalation policy"))
                .hasSize(1);
        assertThat(everything.getFirst()).startsWith("Incident opened by alert: Storm s-000");
        assertThat(everything.getLast()).isEqualTo("Alert resolved: Storm s-295");
    }

    @Test
    void olderLinksWalkTheIncidentsList() {
        for (String list : List.of("/incidents", "/incidents?show=all")) {
            Walk walk = walk(list, "incidents", "older");
            List<String> numbers = walk.tokens(INCIDENT_ROW);
            assertThat(numbers).as(list).hasSize(211).doesNotHaveDuplicates();
            assertThat(numbers.getFirst()).as("newest first").isEqualTo("211");
            assertThat(walk.pages()).as(list).hasSize(2);
        }
    }

    @Test
    void nextCursorWalksOpenIncidentsAcrossBothOpenStatesNewestFirst() {
        List<Long> numbers = new ArrayList<>();
        List<JsonNode> pages = apiPages("/api/v1/incidents?state=triggered,acknowledged&limit=25");
        pages.forEach(page ->
                page.path("incidents").forEach(i -> numbers.add(i.path("number").asLong())));
        assertThat(numbers).hasSize(211).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(pages).hasSize(9);
    }

    @Test
    void aCursorThatIsNotAnIdIsRefusedSayingWhatItShouldBe() {
        String number = stormIncident();
        for (String path : List.of(
                "/alerts?before=older",
                "/alerts/table?before=1%27%20OR%201%3D1",
                "/incidents?before=%00",
                "/incidents/" + number + "?alerts_before=12",
                "/incidents/" + number + "?timeline_before=x")) {
            var response = person.get(path, "Accept", "text/html");
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body())
                    .as(path)
                    .contains("must be an id as the")
                    .contains("link or next_cursor gave");
        }
        for (String path : List.of("/api/v1/alerts?cursor=abc", "/api/v1/incidents?cursor=abc")) {
            var response = api.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body())
                    .as(path)
                    .contains("\"field\":\"cursor\"")
                    .contains("must be an id");
        }
    }

    // ---- helpers

    /** Every page of an API listing, following next_cursor until it is null. */
    List<JsonNode> apiPages(String path) {
        List<JsonNode> pages = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.getJson(path + (cursor == null ? "" : "&cursor=" + encode(cursor)));
            pages.add(page);
            cursor = page.path("next_cursor").isTextual()
                    ? page.path("next_cursor").asText()
                    : null;
        } while (cursor != null && pages.size() < 100);
        return pages;
    }

    void post(String key, String body) {
        assertThat(firewatch
                        .http()
                        .postJson("/api/v1/integrations/alertmanager/" + key, body)
                        .statusCode())
                .isBetween(200, 299);
    }

    static boolean resolved(Sent s) {
        return s.summary().startsWith("Storm") && Integer.parseInt(s.summary().substring(8)) % 5 == 0;
    }

    List<String> newestFirst(Predicate<Sent> matches) {
        return sent.reversed().stream().filter(matches).map(Sent::summary).toList();
    }

    String stormIncident() {
        for (JsonNode incident : api.getJson("/api/v1/incidents?limit=1000").path("incidents")) {
            if (incident.path("title").asText().equals("Storm s-000")) {
                return incident.path("number").asText();
            }
        }
        throw new AssertionError("no incident titled Storm s-000");
    }

    /** Every page from {@code path} on, following the link with id {@code link} while there is one. */
    record Walk(List<String> pages, String table) {
        List<String> tokens(Pattern pattern) {
            List<String> all = new ArrayList<>();
            pages.forEach(page -> all.addAll(PagingContract.tokens(section(page, table), pattern)));
            return all;
        }
    }

    Walk walk(String path, String table, String link) {
        Pattern older = Pattern.compile("<a href=\"([^\"]+)\" id=\"" + link + "\">");
        List<String> pages = new ArrayList<>();
        String next = path;
        while (next != null && pages.size() < 20) {
            var response = person.get(next);
            assertThat(response.statusCode()).as(next).isEqualTo(200);
            pages.add(response.body());
            Matcher m = older.matcher(response.body());
            next = m.find() ? m.group(1).replace("&amp;", "&") : null;
        }
        return new Walk(pages, table);
    }

    static String section(String html, String table) {
        int start = html.indexOf("<table id=\"" + table + "\"");
        assertThat(start).as("a table with id " + table).isNotNegative();
        return html.substring(start, html.indexOf("</table>", start));
    }

    static List<String> tokens(String html, Pattern pattern) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
