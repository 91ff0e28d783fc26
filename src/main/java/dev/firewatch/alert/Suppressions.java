package dev.firewatch.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.alert.inhibit.FiringAlert;
import dev.firewatch.alert.inhibit.InhibitRules;
import dev.firewatch.alert.silence.MaintenanceWindows;
import dev.firewatch.alert.silence.Silence;
import dev.firewatch.alert.silence.Silences;
import dev.firewatch.store.Statements;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Stages 6 and 7: what holds an alert back from an incident. A held alert is stored and visible, with the
 * reason in {@code suppressed_by}; it opens no incident and pages nobody.
 */
public final class Suppressions {
    /** Inhibition compares against firing alerts; beyond this many, a storm is on and we stop looking. */
    private static final int MAX_SOURCES = 10_000;

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

    private final Silences silences;
    private final Supplier<MaintenanceWindows> maintenance;
    private final Supplier<InhibitRules> inhibitRules;
    private final ObjectMapper json = new ObjectMapper();

    public Suppressions(
            Silences silences, Supplier<MaintenanceWindows> maintenance, Supplier<InhibitRules> inhibitRules) {
        this.silences = silences;
        this.maintenance = maintenance;
        this.inhibitRules = inhibitRules;
    }

    /** What holds alerts back, for one batch of the alert stages. */
    public Holds holds(Statements sql) {
        return new Holds(sql);
    }

    /**
     * The holds of one batch: the silences are read once, at its first alert, and asked at each alert's own
     * time; a silence created meanwhile applies from the next batch, a fraction of a second later.
     */
    public final class Holds {
        private final Statements sql;
        private List<Silence> silences;

        private Holds(Statements sql) {
            this.sql = sql;
        }

        /**
         * The read of the silences, while this batch has not made it: the alert stages send it with the first
         * trigger's own lookup, one round trip on PostgreSQL instead of two on a lone alert's way to its page.
         */
        public Optional<Statements.Query<Silence>> silencesToRead(Instant now) {
            return silences == null ? Optional.of(Suppressions.this.silences.notEndedAtQuery(now)) : Optional.empty();
        }

        /** What {@link #silencesToRead}'s query found. */
        public void silencesRead(List<Silence> read) {
            silences = read;
        }

        /** The reason this alert is held, e.g. {@code silence 01J...}, or empty when nothing holds it. */
        public Optional<String> holding(String service, String fingerprint, Map<String, String> labels, Instant now) {
            if (silences == null) {
                silences = Suppressions.this.silences.notEndedAt(sql, now);
            }
            for (Silence silence : silences) {
                if (silence.mutes(labels, now)) {
                    return Optional.of("silence " + silence.id());
                }
            }
            Optional<String> inMaintenance = maintenance
                    .get()
                    .covering(service, now)
                    .map(w -> "maintenance of " + service
                            + (w.spec().comment() == null || w.spec().comment().isBlank()
                                    ? ""
                                    : ": " + w.spec().comment()));
            if (inMaintenance.isPresent()) {
                return inMaintenance;
            }
            InhibitRules rules = inhibitRules.get();
            if (rules.isEmpty()) {
                return Optional.empty();
            }
            // Read per alert, not per batch: an alert that began firing earlier in this batch may be the source.
            sql.flush();
            List<FiringAlert> firing = sql.list(
                    "SELECT fingerprint, labels FROM alert_alert WHERE state = 'FIRING' AND fingerprint <> ? LIMIT "
                            + MAX_SOURCES,
                    rs -> new FiringAlert(rs.getString("fingerprint"), strings(rs.getString("labels"))),
                    fingerprint);
            return rules.inhibitedBy(labels, firing).map(source -> "inhibited by " + source);
        }
    }

    private Map<String, String> strings(String text) {
        try {
            return json.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored labels are unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
