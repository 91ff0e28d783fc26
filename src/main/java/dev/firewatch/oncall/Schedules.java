package dev.firewatch.oncall;

import dev.firewatch.auth.Actor;
import dev.firewatch.auth.AuditLog;
import dev.firewatch.auth.Role;
import dev.firewatch.auth.UserSpec;
import dev.firewatch.store.Ids;
import dev.firewatch.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The on-call feature's public service: the running config's schedules with the overrides from the store, so a
 * caller asks {@code schedule(name, from).whoIsOnCall(at)} and gets the final answer.
 */
public final class Schedules {
    /** An override that cannot be made, and why, in words for the person who asked. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The times anyone asks about or overrides lie between these, far from where date arithmetic overflows. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("9000-01-01T00:00:00Z");

    /** A shift of one person, with the schedule it is on. */
    public record PersonalShift(String schedule, Shift shift) {}

    private final Supplier<List<ScheduleSpec>> specs;
    private final Supplier<List<UserSpec>> users;
    private final Overrides overrides;
    private final Clock clock;

    public Schedules(
            Supplier<List<ScheduleSpec>> specs,
            Supplier<List<UserSpec>> users,
            Store store,
            Ids ids,
            Clock clock,
            AuditLog audit) {
        this.specs = specs;
        this.users = users;
        this.overrides = new Overrides(store, ids, clock, audit);
        this.clock = clock;
    }

    public List<ScheduleSpec> specs() {
        return specs.get();
    }

    /**
     * The schedule with every override that can change who is on call from {@code from} on, those that ended
     * within a turn before it included, so a shift in progress at {@code from} keeps its true start.
     */
    public Optional<OnCallSchedule> schedule(String name, Instant from) {
        return specs.get().stream()
                .filter(spec -> spec.name().equals(name))
                .findFirst()
                .map(spec ->
                        new OnCallSchedule(spec, overrides.endingAfter(name, from.minus(OnCallSchedule.reach(spec)))));
    }

    public List<OnCallSchedule> all(Instant from) {
        return specs.get().stream()
                .map(spec -> schedule(spec.name(), from).orElseThrow())
                .toList();
    }

    /** Whether the config declares this person, who may then have shifts. */
    public boolean knows(String user) {
        return users.get().stream().anyMatch(u -> u.name().equals(user));
    }

    /** One person's shifts on every schedule that overlap the range, in time order. */
    public List<PersonalShift> shiftsOf(String user, Instant from, Instant to) {
        List<PersonalShift> shifts = new ArrayList<>();
        for (OnCallSchedule schedule : all(from)) {
            schedule.shifts(from, to).stream()
                    .filter(shift -> shift.user().equals(user))
                    .forEach(shift -> shifts.add(new PersonalShift(schedule.name(), shift)));
        }
        shifts.sort(
                Comparator.comparing((PersonalShift p) -> p.shift().start()).thenComparing(PersonalShift::schedule));
        return shifts;
    }

    /**
     * Puts {@code user} on call for the schedule from {@code start} to {@code end}.
     *
     * @throws Refused when the user cannot take a page, or the times make no sense; the message says which
     */
    public ScheduleOverride override(
            Actor actor, String schedule, String user, Instant start, Instant end, String reason) {
        if (specs.get().stream().noneMatch(spec -> spec.name().equals(schedule))) {
            throw new Refused("no schedule named \"" + schedule + "\"; schedules: " + names());
        }
        if (user == null || user.isBlank()) {
            throw new Refused("say who takes over: user is one of " + people());
        }
        var person = users.get().stream().filter(u -> u.name().equals(user)).findFirst();
        if (person.isEmpty()) {
            throw new Refused("no user named \"" + user + "\"; users: " + people());
        }
        if (!person.get().role().includes(Role.RESPONDER)) {
            throw new Refused(user + " is a viewer and could not acknowledge a page; give them role: responder in"
                    + " the config first");
        }
        if (start.isBefore(EARLIEST) || end.isAfter(LATEST)) {
            throw new Refused(
                    "an override must lie between 1970 and 9000; it starts at " + start + " and ends at " + end);
        }
        if (!end.isAfter(start)) {
            throw new Refused("an override must end after it starts; it starts at " + start + " and ends at " + end);
        }
        if (!end.isAfter(clock.instant())) {
            throw new Refused("this override ends at " + end + ", which has passed; it would change nothing");
        }
        return overrides.create(actor, schedule, user, start, end, reason == null ? "" : reason.strip());
    }

    /** @throws java.util.NoSuchElementException when there is no override with that id */
    public ScheduleOverride removeOverride(Actor actor, String id) {
        return overrides.remove(actor, id);
    }

    public Optional<ScheduleOverride> findOverride(String id) {
        return overrides.find(id);
    }

    /** The overrides that have not ended at {@code now}, of one schedule or of all, soonest first. */
    public List<ScheduleOverride> overridesNotEnded(Optional<String> schedule, Instant now) {
        return specs.get().stream()
                .map(ScheduleSpec::name)
                .filter(name -> schedule.map(name::equals).orElse(true))
                .flatMap(name -> overrides.endingAfter(name, now).stream())
                .sorted(Comparator.comparing(ScheduleOverride::start).thenComparing(ScheduleOverride::id))
                .toList();
    }

    private String names() {
        return specs.get().stream().map(ScheduleSpec::name).collect(Collectors.joining(", "));
    }

    private String people() {
        return users.get().stream()
                .filter(u -> u.role().includes(Role.RESPONDER))
                .map(UserSpec::name)
                .collect(Collectors.joining(", "));
    }
}
