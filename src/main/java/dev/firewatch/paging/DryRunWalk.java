package dev.firewatch.paging;

import dev.firewatch.escalation.Target;
import dev.firewatch.escalation.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What a dry run found: for an incident of {@code severity} on {@code service} opened at {@code openedAt}, every
 * round of the policy with, at each step, who would be tried through which method and when, and every dead end.
 *
 * @param policy empty when no policy escalates the service
 * @param zone the zone times are shown in: the policy's first schedule's, else UTC
 * @param urgency what the opening sets off; a page when there is no policy (nothing to decide it)
 * @param told the channels that hear of the opening beside the steps: the service's own channels, and the
 *     channel a {@code post} urgency posts to
 * @param rounds empty unless the urgency pages; else the first run through the steps and every repeat
 * @param deadEnds each once, in the order the walk met them; one met in several rounds says so
 */
public record DryRunWalk(
        String service,
        String severity,
        Instant openedAt,
        ZoneId zone,
        Optional<PolicyRef> policy,
        Urgency urgency,
        List<Attempt> told,
        List<Round> rounds,
        List<DeadEnd> deadEnds) {
    public DryRunWalk {
        told = List.copyOf(told);
        rounds = List.copyOf(rounds);
        deadEnds = List.copyOf(deadEnds);
    }

    /** @param round how long one run through the steps takes: the next round starts that much later */
    public record PolicyRef(String name, String origin, int steps, int repeat, Duration round) {}

    /** @param number 1 for the first run through the steps */
    public record Round(int number, Duration offset, Instant at, List<Step> steps) {
        public Round {
            steps = List.copyOf(steps);
        }
    }

    /**
     * @param number counting from 1, as people say "step 2"
     * @param offset how long after the opening this step pages
     */
    public record Step(int number, Duration offset, Instant at, Duration waitAfter, List<Recipient> recipients) {
        public Step {
            recipients = List.copyOf(recipients);
        }

        /** Whether anyone hears of the incident from this step: a person through a method that sends, or a channel. */
        public boolean reachesSomeone() {
            return recipients.stream().anyMatch(Recipient::reached);
        }

        /** Whom the step reaches, in a few words: {@code alice, channel ops}, or {@code nobody}. */
        public String reached() {
            String reached = recipients.stream()
                    .filter(Recipient::reached)
                    .map(r -> r.person().isEmpty() ? "channel " + r.target().name() : r.person())
                    .distinct()
                    .collect(java.util.stream.Collectors.joining(", "));
            return reached.isEmpty() ? "nobody" : reached;
        }
    }

    /**
     * One target of a step as it resolves at the step's instant.
     *
     * @param person who the target comes to: the user, whoever the schedule has on call, empty for a channel
     *     and for a schedule with nobody on call
     * @param why for a schedule: which layer or override put the person there, and until when
     * @param problem empty when nothing stops this recipient; else why it reaches nobody
     */
    public record Recipient(Target target, String person, String why, List<Attempt> attempts, String problem) {
        public Recipient {
            attempts = List.copyOf(attempts);
        }

        public boolean reached() {
            return attempts.stream().anyMatch(Attempt::sends);
        }

        /** {@code schedule primary → alice}, {@code schedule primary → nobody}, {@code user bob}, {@code channel ops}. */
        public String label() {
            return switch (target) {
                case Target.User user -> "user " + user.name();
                case Target.Channel channel -> "channel " + channel.name();
                case Target.Schedule schedule ->
                    "schedule " + schedule.name() + " → " + (person.isEmpty() ? "nobody" : person);
            };
        }
    }

    /**
     * One notification: a person's rule through one of their contact methods, or a post to a channel.
     *
     * @param method the contact method's or channel's name
     * @param type its channel type: {@code webhook}, {@code slack}, {@code email}, {@code ntfy}
     * @param problem empty when it can send; else why it never will
     */
    public record Attempt(String method, String type, Duration offset, Instant at, String problem) {
        public boolean sends() {
            return problem.isEmpty();
        }
    }

    /** From {@code round} on, step {@code step} reaches {@code now} where the round before it reached {@code before}. */
    public record Change(Round round, int step, String before, String now) {
        /** {@code from round 2 (+1h, Mon 30 Nov 09:30): step 1 reaches bob (was alice)}. */
        public String describe(ZoneId zone) {
            return "from round " + round.number() + " (" + DryRunTimes.offset(round.offset()) + ", "
                    + DryRunTimes.when(round.at(), zone) + "): step " + step + " reaches " + now + " (was " + before
                    + ")";
        }
    }

    /** The repeats in one sentence, or empty when nothing pages. */
    public String repeats() {
        if (rounds.size() == 1) {
            return "No repeats: after the last step's wait, nothing more pages.";
        }
        if (rounds.isEmpty()) {
            return "";
        }
        Round last = rounds.getLast();
        int more = rounds.size() - 1;
        return "Then again every " + DryRunTimes.length(policy.orElseThrow().round()) + ", " + more + " more "
                + (more == 1 ? "time" : "times") + ", the last round at " + DryRunTimes.offset(last.offset()) + " ("
                + DryRunTimes.when(last.at(), zone) + ").";
    }

    /**
     * Where later rounds differ from the round before: they page the same steps, so only whom the schedules put on
     * call can change, and these are what a summary of the repeats must show.
     */
    public List<Change> changes() {
        List<Change> changes = new java.util.ArrayList<>();
        for (int r = 1; r < rounds.size(); r++) {
            Round round = rounds.get(r);
            for (int s = 0; s < round.steps().size(); s++) {
                String now = round.steps().get(s).reached();
                String before = rounds.get(r - 1).steps().get(s).reached();
                if (!now.equals(before)) {
                    changes.add(new Change(round, s + 1, before, now));
                }
            }
        }
        return changes;
    }

    /** Whether step 1 of the first round reaches anyone: what the command's exit code says. */
    public boolean reachedAtStepOne() {
        return !rounds.isEmpty()
                && !rounds.getFirst().steps().isEmpty()
                && rounds.getFirst().steps().getFirst().reachesSomeone();
    }
}
