package dev.firewatch.intake;

import dev.firewatch.alert.Severity;
import dev.firewatch.health.Check;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code intake} on {@code /readyz}: degraded while admission folds events, never failing. Being overloaded is
 * not being down: every event is still stored and critical ones still page, so a load balancer must keep
 * sending.
 */
public final class StormCheck implements Check {
    private final Admission admission;

    public StormCheck(Admission admission) {
        this.admission = admission;
    }

    @Override
    public String name() {
        return "intake";
    }

    @Override
    public Result run() {
        long backlog = admission.backlog();
        String waiting = String.format(Locale.ROOT, "%,d", backlog) + (backlog == 1 ? " event waits" : " events wait")
                + " for the journal consumer";
        List<Severity> folding = admission.foldingNow();
        if (folding.isEmpty()) {
            return Result.ok(waiting);
        }
        return Result.degraded("overloaded: " + waiting + ", so new "
                + folding.stream().map(Severity::wireName).collect(Collectors.joining(", "))
                + " events fold into per-service digests; critical events are still processed one by one");
    }
}
