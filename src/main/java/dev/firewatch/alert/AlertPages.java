package dev.firewatch.alert;

import dev.firewatch.web.Frame;
import java.time.Instant;
import java.util.List;

/** Models of the alert pages. */
public final class AlertPages {
    private AlertPages() {}

    /** The filter as the person set it, echoed back into the form and into the refresh URL. */
    public record Filter(String state, String service, String label, String query) {}

    public record Listing(
            Frame frame,
            Filter filter,
            List<Alert> alerts,
            List<String> services,
            String canSilence,
            List<Storm> storms) {}

    public record Table(Filter filter, List<Alert> alerts, boolean canSilence, List<Storm> storms) {}

    /**
     * A service whose events were lately folded into a storm digest instead of becoming alerts: shown as a banner
     * above the table, so the alerts missing from it are not a mystery.
     *
     * @param severities how many of each severity, like "warning 12,000, info 345"
     * @param samples a few of their summaries
     */
    public record Storm(
            String service, long events, String severities, Instant since, Instant lastAt, List<String> samples) {}
}
