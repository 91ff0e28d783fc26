package dev.firewatch.oncall;

import java.time.ZoneId;
import java.util.List;

/**
 * One of {@code schedules:}: who is on call, as layers of rotations. Later layers win over earlier ones where
 * they put someone on call; overrides, made at runtime, win over every layer.
 *
 * @param zone the zone pages show the schedule's times in, and the layers' zone unless they name their own
 * @param origin where the schedule is written, {@code firewatch.yaml:40:5}, for warnings about it
 */
public record ScheduleSpec(String name, String description, ZoneId zone, List<LayerSpec> layers, String origin) {
    public ScheduleSpec {
        layers = List.copyOf(layers);
    }
}
