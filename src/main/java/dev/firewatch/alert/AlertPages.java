package dev.firewatch.alert;

import dev.firewatch.web.Frame;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Models of the alert pages. */
public final class AlertPages {
    private AlertPages() {}

    /**
     * The filter as the person set it, echoed back into the form, into the refresh URL and into the links to
     * older and newest alerts.
     *
     * @param before the cursor of the page shown, or null for the newest
     */
    public record Filter(String state, String service, String label, String before) {
        /** The filter as URL parameters, without the page: what every page of the same list shares. */
        public String query() {
            return "state=" + encode(state) + "&service=" + encode(service) + "&label=" + encode(label);
        }

        /** This very page, for the refresh that keeps it current. */
        public String pageQuery() {
            return before == null ? query() : query() + "&before=" + encode(before);
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    public record Listing(
            Frame frame, Filter filter, AlertPage page, List<String> services, String canSilence, List<Storm> storms) {}

    public record Table(Filter filter, AlertPage page, boolean canSilence, List<Storm> storms) {
        /** The next page of the same filter, or null when there is none. */
        public String olderHref() {
            return page.older() == null ? null : "/alerts?" + filter.query() + "&before=" + page.older();
        }
    }

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
