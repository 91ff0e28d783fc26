package dev.firewatch.oncall;

import java.time.Instant;
import java.util.List;

/** Schedules, shifts and overrides as the API shows them, and the CLI prints them. */
public final class ScheduleViews {
    private ScheduleViews() {}

    /** A final shift; {@code layer} is set for a layer's turn, {@code overrideId} for an override. */
    public record ShiftView(
            String schedule,
            String user,
            Instant start,
            Instant end,
            String source,
            String layer,
            String overrideId,
            String reason) {}

    public record GapView(Instant start, Instant end) {}

    public record LayerView(
            String name,
            List<String> users,
            String rotation,
            String start,
            String end,
            String timezone,
            List<String> restrictions) {}

    public record ScheduleView(
            String name, String description, String timezone, ShiftView onCall, List<LayerView> layers) {}

    public record OnCallView(String schedule, Instant at, ShiftView onCall) {}

    public static ShiftView shift(String schedule, Shift shift) {
        return switch (shift.source()) {
            case Shift.FromLayer layer ->
                new ShiftView(schedule, shift.user(), shift.start(), shift.end(), "layer", layer.name(), null, null);
            case Shift.FromOverride override ->
                new ShiftView(
                        schedule,
                        shift.user(),
                        shift.start(),
                        shift.end(),
                        "override",
                        null,
                        override.id(),
                        override.reason());
        };
    }

    public static ScheduleView schedule(OnCallSchedule schedule, Instant now) {
        ScheduleSpec spec = schedule.spec();
        return new ScheduleView(
                spec.name(),
                spec.description(),
                spec.zone().getId(),
                schedule.whoIsOnCall(now).map(s -> shift(spec.name(), s)).orElse(null),
                spec.layers().stream()
                        .map(layer -> new LayerView(
                                layer.name(),
                                layer.users(),
                                layer.rotation().written(),
                                layer.start().toString(),
                                layer.end().map(Object::toString).orElse(null),
                                layer.zone().getId(),
                                layer.restrictions().stream()
                                        .map(Restriction::written)
                                        .toList()))
                        .toList());
    }

    public static OnCallView onCall(OnCallSchedule schedule, Instant at) {
        return new OnCallView(
                schedule.name(),
                at,
                schedule.whoIsOnCall(at).map(s -> shift(schedule.name(), s)).orElse(null));
    }
}
