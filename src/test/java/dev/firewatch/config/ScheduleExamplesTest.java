package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.oncall.OnCallSchedule;
import dev.firewatch.oncall.Shift;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schedules people copy from the docs and the shipped config load, and do what the docs say they do. */
class ScheduleExamplesTest {
    @Test
    void theDocumentedExampleHandsTheOfficeHoursToCarolAndLeavesNoGap() throws IOException {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        String section = docs.substring(docs.indexOf("## `schedules`"));
        String documented = section.substring(section.indexOf("```yaml\n") + 8, section.indexOf("```\n", 8));

        var config = Configs.loaded(Configs.parse(documented));

        var primary = new OnCallSchedule(config.schedule("primary").orElseThrow(), List.of());
        // Tuesday 6 January 2026: before 09:00 and from 18:00 in Berlin it is alice's week, in between carol's.
        assertThat(onCall(primary, "2026-01-06T07:59:00Z")).isEqualTo("alice");
        assertThat(onCall(primary, "2026-01-06T08:00:00Z")).isEqualTo("carol");
        assertThat(onCall(primary, "2026-01-06T17:00:00Z")).isEqualTo("alice");
        assertThat(onCall(primary, "2026-01-10T12:00:00Z")).as("Saturday").isEqualTo("alice");
        assertThat(onCall(primary, "2026-01-13T03:00:00Z")).as("the next week").isEqualTo("bob");
        Instant from = Instant.parse("2026-01-05T08:00:00Z");
        assertThat(primary.gaps(from, from.plus(java.time.Duration.ofDays(90)))).isEmpty();
        assertThat(config.schedule("database").orElseThrow().layers().getFirst().name())
                .isEqualTo("layer 1");
    }

    @Test
    void theShippedExampleLoadsWithItsScheduleUncommented() throws IOException {
        String shipped = Files.readString(Path.of("firewatch.yaml"));
        int block = shipped.indexOf("# schedules:");
        int end = shipped.indexOf("\n\n", block); // the schedule's block ends at the next blank line
        String uncommented = shipped.substring(0, block)
                        .replaceAll("(?m)^  # (- name: alice|  email: alice|  role: responder)", "  $1")
                + shipped.substring(block, end).replaceAll("(?m)^# ", "")
                + shipped.substring(end);

        var config = Configs.loaded(Configs.parse(uncommented, Map.of()));

        assertThat(config.schedules()).extracting(s -> s.name()).containsExactly("primary");
    }

    private static String onCall(OnCallSchedule schedule, String at) {
        return schedule.whoIsOnCall(Instant.parse(at)).map(Shift::user).orElse("nobody");
    }
}
