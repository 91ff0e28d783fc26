package dev.firewatch.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A schedule's final word on who is on call: its layers merged, later layers over earlier ones, and overrides
 * over every layer (of two overrides, the one made later). Pure computation over the spec and the overrides it
 * is given, so any instant, past or future, can be asked about.
 */
public final class OnCallSchedule {
    private final ScheduleSpec spec;
    private final List<Layer> layers;
    /** Lowest priority first: the later an override was made, the more it counts. */
    private final List<ScheduleOverride> overrides;
    /** How far before and after a range a shift that overlaps it can start or end. */
    private final Duration reach;

    /** @param overrides this schedule's overrides; those that end before the range asked about change nothing */
    public OnCallSchedule(ScheduleSpec spec, List<ScheduleOverride> overrides) {
        this.spec = spec;
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            layers.add(new Layer(spec.layers().get(i), i));
        }
        this.layers = List.copyOf(layers);
        this.overrides = overrides.stream()
                .filter(o -> o.schedule().equals(spec.name()))
                .sorted(Comparator.comparing(ScheduleOverride::createdAt).thenComparing(ScheduleOverride::id))
                .toList();
        this.reach = reach(spec);
    }

    /** How far before and after a range a shift that overlaps it can start or end: the longest turn. */
    static Duration reach(ScheduleSpec spec) {
        return spec.layers().stream()
                .map(layer -> layer.rotation().longest())
                .max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
    }

    public ScheduleSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    /** The shift that holds {@code at}, or empty when nobody is on call then. */
    public Optional<Shift> whoIsOnCall(Instant at) {
        return shifts(at, at.plusMillis(1)).stream().filter(s -> s.covers(at)).findFirst();
    }

    /**
     * The final shifts that overlap [{@code from}, {@code to}), in time order, each with its whole length: a shift
     * that started before {@code from} keeps its start. A shift is one person's stretch from one source (a turn
     * of a layer, within its restrictions, or an override); an override in the middle of a turn splits it.
     */
    public List<Shift> shifts(Instant from, Instant to) {
        return coverage(from, to).shifts();
    }

    /** The stretches of [{@code from}, {@code to}) when nobody is on call, cut to the range. */
    public List<Gap> gaps(Instant from, Instant to) {
        return coverage(from, to).gaps();
    }

    /** The final shifts and the gaps of a range, worked out together. */
    public record Coverage(List<Shift> shifts, List<Gap> gaps) {}

    public Coverage coverage(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return new Coverage(List.of(), List.of());
        }
        // Every shift that can overlap the range lies within reach of it, so the layers are worked out that far
        // and no further. Overrides are taken whole: only a later override can cut one.
        Instant wideFrom = from.minus(reach);
        Instant wideTo = to.plus(reach);
        List<Shift> candidates = new ArrayList<>();
        layers.forEach(layer -> candidates.addAll(layer.shifts(wideFrom, wideTo)));
        int layerCount = candidates.size();
        overrides.forEach(o -> candidates.add(
                new Shift(o.user(), o.start(), o.end(), new Shift.FromOverride(o.id(), o.createdBy(), o.reason()))));

        TreeSet<Instant> edges = new TreeSet<>(List.of(from, to));
        candidates.forEach(c -> {
            edges.add(c.start());
            edges.add(c.end());
        });
        List<Shift> shifts = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        Shift open = null; // the candidate that wins the stretch being built, and where that stretch started
        Instant openedAt = null;
        Instant previous = null;
        for (Instant edge : edges) {
            if (previous != null) {
                Shift winner = winner(candidates, layerCount, previous, edge);
                if (winner != open) {
                    close(open, openedAt, previous, from, to, shifts);
                    open = winner;
                    openedAt = previous;
                }
                if (winner == null && previous.isBefore(to) && edge.isAfter(from)) {
                    addGap(gaps, max(previous, from), min(edge, to));
                }
            }
            previous = edge;
        }
        close(open, openedAt, previous, from, to, shifts);
        return new Coverage(List.copyOf(shifts), List.copyOf(gaps));
    }

    /**
     * The candidate that holds all of [start, end): the latest override, else the layer shift of the highest
     * layer. Candidates are in priority order within each kind: layers by index as they were added, overrides by
     * when they were made.
     */
    private static Shift winner(List<Shift> candidates, int layerCount, Instant start, Instant end) {
        for (int i = candidates.size() - 1; i >= layerCount; i--) {
            if (holds(candidates.get(i), start, end)) {
                return candidates.get(i);
            }
        }
        Shift best = null;
        for (int i = 0; i < layerCount; i++) {
            Shift candidate = candidates.get(i);
            if (holds(candidate, start, end) && (best == null || layerIndex(candidate) >= layerIndex(best))) {
                best = candidate;
            }
        }
        return best;
    }

    private static boolean holds(Shift candidate, Instant start, Instant end) {
        return !candidate.start().isAfter(start) && !candidate.end().isBefore(end);
    }

    private static int layerIndex(Shift shift) {
        return ((Shift.FromLayer) shift.source()).index();
    }

    /** Keeps the stretch the winner held when it overlaps the range asked about. */
    private static void close(Shift winner, Instant start, Instant end, Instant from, Instant to, List<Shift> out) {
        if (winner != null && start.isBefore(to) && end.isAfter(from)) {
            out.add(new Shift(winner.user(), start, end, winner.source()));
        }
    }

    private static void addGap(List<Gap> gaps, Instant start, Instant end) {
        if (!gaps.isEmpty() && gaps.getLast().end().equals(start)) {
            gaps.add(new Gap(gaps.removeLast().start(), end));
        } else {
            gaps.add(new Gap(start, end));
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Layer {@code index}'s own shifts that overlap the range, before merging: a row of the timeline. */
    public List<Shift> layerShifts(int index, Instant from, Instant to) {
        return layers.get(index).shifts(from, to);
    }

    /** The overrides that overlap the range, in the order they were made. */
    public List<ScheduleOverride> overrides(Instant from, Instant to) {
        return overrides.stream().filter(o -> o.span().overlaps(from, to)).toList();
    }
}
