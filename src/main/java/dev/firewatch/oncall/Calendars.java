package dev.firewatch.oncall;

import dev.firewatch.auth.Actor;
import dev.firewatch.auth.AuditLog;
import dev.firewatch.auth.Tokens;
import dev.firewatch.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Calendar feeds behind secret links: a schedule's shifts, or one person's on every schedule, from a month back
 * to three months ahead, as calendar apps poll them.
 */
public final class Calendars {
    static final Duration PAST = Duration.ofDays(30);
    static final Duration AHEAD = Duration.ofDays(90);

    private final Schedules schedules;
    private final CalendarFeeds feeds;
    private final Clock clock;

    public Calendars(Schedules schedules, Store store, Tokens tokens, Clock clock, AuditLog audit) {
        this.schedules = schedules;
        this.feeds = new CalendarFeeds(store, tokens, clock, audit);
        this.clock = clock;
    }

    /** A new secret token for the schedule's feed; the previous link stops working. */
    public String renewForSchedule(Actor actor, String schedule) {
        return feeds.renew(actor, new CalendarFeeds.Subject(CalendarFeeds.Subject.Kind.SCHEDULE, schedule));
    }

    /** A new secret token for a person's feed; the previous link stops working. */
    public String renewForUser(Actor actor, String user) {
        return feeds.renew(actor, new CalendarFeeds.Subject(CalendarFeeds.Subject.Kind.USER, user));
    }

    /** The feed a token opens, as iCalendar text; empty for a token nobody holds, or a schedule that is gone. */
    public Optional<String> feed(String token) {
        Instant now = clock.instant();
        Instant from = now.minus(PAST);
        Instant to = now.plus(AHEAD);
        return feeds.open(token).flatMap(subject -> switch (subject.kind()) {
            case SCHEDULE ->
                schedules
                        .schedule(subject.name(), from)
                        .map(schedule -> ICalendar.of(
                                "On call: " + schedule.name(),
                                schedule.shifts(from, to).stream()
                                        .map(shift -> event(schedule.name(), shift, shift.user()))
                                        .toList(),
                                now));
            case USER ->
                Optional.of(ICalendar.of(
                        "On call: " + subject.name(),
                        schedules.shiftsOf(subject.name(), from, to).stream()
                                .map(p -> event(p.schedule(), p.shift(), p.schedule()))
                                .toList(),
                        now));
        });
    }

    private static ICalendar.Event event(String schedule, Shift shift, String title) {
        String why =
                switch (shift.source()) {
                    case Shift.FromLayer layer -> shift.user() + " on call for " + schedule + ", " + layer.name();
                    case Shift.FromOverride override ->
                        shift.user() + " on call for " + schedule + ", an override by " + override.createdBy()
                                + (override.reason().isEmpty() ? "" : ": " + override.reason());
                };
        return new ICalendar.Event(uid(schedule, shift), shift.start(), shift.end(), "On call: " + title, why);
    }

    /** The same shift gets the same UID on every fetch, so a calendar app updates it instead of adding another. */
    private static String uid(String schedule, Shift shift) {
        String source =
                switch (shift.source()) {
                    case Shift.FromLayer layer -> "layer" + layer.index();
                    case Shift.FromOverride override -> "override" + override.id();
                };
        String key =
                String.join("|", schedule, shift.user(), source, shift.start().toString());
        return Tokens.sha256(key).substring(0, 32) + "@firewatch";
    }
}
