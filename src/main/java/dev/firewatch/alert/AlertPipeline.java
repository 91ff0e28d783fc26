package dev.firewatch.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.alert.route.RouteTree;
import dev.firewatch.alert.route.SeverityLadder;
import dev.firewatch.incident.Incidents;
import dev.firewatch.store.Ids;
import dev.firewatch.store.Statements;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * The alert stages that run in the journal consumer's transaction (STYLE §2, stages 4 to 9): fingerprint,
 * dedup, route, silence and inhibit (what holds an alert back), then group into an incident. Every state
 * change of an alert is a history row in the same transaction.
 *
 * <p>The stages run a batch at a time ({@link AlertBatch}), so what is the same for every alert of a batch
 * (prepared statements, the current silences) is done once per batch, not once per alert.
 */
public final class AlertPipeline {
    final Ids ids;
    final Incidents incidents;
    final Suppressions suppressions;
    final Supplier<RouteTree> routes;
    final Supplier<SeverityLadder> ladder;
    final Function<String, List<String>> dependsOn;
    final Function<String, List<String>> groupBy;
    final ObjectMapper json = new ObjectMapper();

    /** Routes and ladder are suppliers, so a config reload applies to the next batch without a restart. */
    public AlertPipeline(
            Ids ids,
            Incidents incidents,
            Suppressions suppressions,
            Supplier<RouteTree> routes,
            Supplier<SeverityLadder> ladder,
            Function<String, List<String>> dependsOn,
            Function<String, List<String>> groupBy) {
        this.ids = ids;
        this.groupBy = groupBy;
        this.dependsOn = dependsOn;
        this.incidents = incidents;
        this.suppressions = suppressions;
        this.routes = routes;
        this.ladder = ladder;
    }

    /** The stages for one transaction; close the batch before the transaction commits. */
    public AlertBatch batch(Handle tx) {
        return new AlertBatch(this, Statements.over(tx));
    }

    /** Stage 4, fingerprint: the sender's dedup key, or a hash of the labels. */
    static String identity(Signal signal) {
        return signal.dedupKey() != null ? signal.dedupKey() : Fingerprint.of(signal.labels());
    }
}
