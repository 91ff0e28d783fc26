package dev.firewatch.probe;

import dev.firewatch.alert.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One monitor from {@code monitors:} in the config: what to check, how often, what counts as healthy, and whose
 * service its failures page.
 *
 * @param name unique among monitors; the alert's identity is derived from it, so renaming starts a new alert
 * @param service the service whose incidents (and escalation policy) the monitor's failures go to
 * @param severity the severity of the trigger a failure sends
 * @param interval time between the starts of two checks
 * @param timeout how long one check may take before it counts as failed
 * @param jitter up to this much is added to each start, so monitors with one interval do not fire together
 * @param probe what the check does
 * @param conditions every one must hold for the check to pass; checked in order, the first that fails is named
 * @param failuresBeforeDown consecutive failed checks before the monitor is down and a trigger is sent
 * @param successesBeforeUp consecutive passed checks before a down monitor is up again and a resolve is sent
 * @param windows rules over recent results that make the monitor degraded (and trigger) while they hold
 * @param labels added to the alert's labels (with {@code monitor} and {@code service}), for routing and silences
 * @param annotations added to the alert, such as {@code runbook_url}
 */
public record MonitorSpec(
        String name,
        String service,
        Severity severity,
        Duration interval,
        Duration timeout,
        Duration jitter,
        ProbeSpec probe,
        List<Condition> conditions,
        int failuresBeforeDown,
        int successesBeforeUp,
        List<WindowRule> windows,
        Map<String, String> labels,
        Map<String, String> annotations) {
    public MonitorSpec {
        conditions = List.copyOf(conditions);
        windows = List.copyOf(windows);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
