package dev.firewatch.intake;

import dev.firewatch.alert.Signal;
import java.util.List;

/**
 * The one way into the alert pipeline, for the HTTP endpoints and for Firewatch's own sources (probes,
 * heartbeats, log rules) alike: admission by priority (stage 2), then the durable journal (stage 3). When it
 * returns, the signals are committed; from there the journal consumer runs the alert stages. A source of our
 * own therefore shares the journal's group commit, its crash safety and its storm behaviour with every sender.
 */
public final class Submissions {
    private final Admission admission;
    private final Journal journal;

    public Submissions(Admission admission, Journal journal) {
        this.admission = admission;
        this.journal = journal;
    }

    /**
     * Admits and journals {@code signals} for {@code service}, in order; each entry says whether it was folded
     * into the service's digest.
     *
     * @throws Journal.JournalUnavailable when the journal could not commit them; nothing of them is stored
     */
    public List<Journal.Entry> submit(String service, List<Signal> signals) {
        List<Admission.Decision> decisions = admission.decide(signals);
        try {
            List<Journal.Entry> committed = journal.append(service, signals, decisions);
            admission.counted(service, committed);
            return committed;
        } finally {
            admission.settled(decisions);
        }
    }
}
