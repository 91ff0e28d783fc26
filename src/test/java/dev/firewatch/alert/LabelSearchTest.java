package dev.firewatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.auth.Role;
import dev.firewatch.store.Store;
import dev.firewatch.store.StoreSpec;
import dev.firewatch.testing.AlertmanagerBatch;
import dev.firewatch.testing.AlertmanagerBatch.Sent;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.PostgresDatabases;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A label search looks through a bounded stretch of alerts per page (ten thousand in the product; seven here,
 * so sixty alerts cross the bound many times), and paging on from where it stopped finds every match once:
 * a rare label whose matches are far apart, a common one that fills pages, and label values with characters
 * that mean something to LIKE or to JSON.
 */
class LabelSearchTest {
    static final int SCAN = 7;
    static final int RARE_EVERY = 20;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void pagingOnFromWhereASearchStoppedFindsEveryMatchOnce(String vendor, @TempDir Path dir) {
        String url = vendor.equals("postgresql") ? PostgresDatabases.create() : "";
        String config = TestFirewatch.BASE_CONFIG + (url.isEmpty() ? "" : "store:\n  url: \"" + url + "\"\n");
        try (TestFirewatch firewatch = TestFirewatch.start(dir, config, Clock.systemUTC(), Map.of());
                Store store = Store.open(new StoreSpec(url, 2), firewatch.dataDir(), new SimpleMeterRegistry())) {
            List<Sent> sent = IntStream.range(0, 60)
                    .mapToObj(i -> new Sent(
                            Map.of(
                                    "alertname",
                                    "Check",
                                    "instance",
                                    "n-%02d".formatted(i),
                                    "team",
                                    i % RARE_EVERY == 3 ? "rare" : "common",
                                    "path",
                                    i == 42 ? "C:\\new \"dir\" 50%_" : "C:\\newXdirX50ab"),
                            "Check n-%02d".formatted(i)))
                    .toList();
            firewatch
                    .http()
                    .postJson("/api/v1/integrations/alertmanager/demo-key", AlertmanagerBatch.body("firing", sent));
            TestHttp api = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            Eventually.within(
                    Duration.ofSeconds(20),
                    () -> api.getJson("/api/v1/alerts?limit=100").path("alerts").size(),
                    n -> n == 60);
            Alerts alerts = new Alerts(store, SCAN);

            Search rare = search(alerts, Map.of("team", "rare"), 5);
            assertThat(rare.found()).containsExactly("Check n-43", "Check n-23", "Check n-03");
            assertThat(rare.stoppedShort())
                    .as("pages that ended at the bound with room left, each saying how far back it looked")
                    .isGreaterThan(0);

            Search common = search(alerts, Map.of("team", "common"), 5);
            assertThat(common.found())
                    .containsExactlyElementsOf(IntStream.iterate(59, i -> i >= 0, i -> i - 1)
                            .filter(i -> i % RARE_EVERY != 3)
                            .mapToObj("Check n-%02d"::formatted)
                            .toList());

            assertThat(search(alerts, Map.of("path", "C:\\new \"dir\" 50%_"), 5).found())
                    .as("quotes, a backslash, % and _ are the label's own characters, not patterns")
                    .containsExactly("Check n-42");
            assertThat(search(alerts, Map.of("team", "rare", "instance", "n-23"), 5)
                            .found())
                    .containsExactly("Check n-23");
            assertThat(search(alerts, Map.of("team", "RARE"), 5).found())
                    .as("label values are matched exactly, case included")
                    .isEmpty();
        } finally {
            if (!url.isEmpty()) {
                PostgresDatabases.drop(url);
            }
        }
    }

    record Search(List<String> found, int stoppedShort) {}

    /** Every page of a label search, as the "older" link walks it. */
    static Search search(Alerts alerts, Map<String, String> labels, int limit) {
        List<String> found = new ArrayList<>();
        int stoppedShort = 0;
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            AlertPage page = alerts.page(new AlertQuery(EnumSet.allOf(AlertState.class), null, labels, cursor, limit));
            page.alerts().forEach(a -> found.add(a.summary()));
            assertThat(page.alerts()).allSatisfy(a -> assertThat(a.labels()).containsAllEntriesOf(labels));
            if (page.searchedBackTo() != null) {
                assertThat(page.alerts()).hasSizeLessThanOrEqualTo(limit);
                stoppedShort++;
            }
            cursor = page.older();
            if (cursor == null) {
                return new Search(found, stoppedShort);
            }
        }
        throw new AssertionError("still paging after 100 pages: " + found);
    }
}
