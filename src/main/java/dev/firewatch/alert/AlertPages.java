package dev.firewatch.alert;

import dev.firewatch.web.Frame;
import java.util.List;

/** Models of the alert pages. */
public final class AlertPages {
    private AlertPages() {}

    /** The filter as the person set it, echoed back into the form and into the refresh URL. */
    public record Filter(String state, String service, String label, String query) {}

    public record Listing(Frame frame, Filter filter, List<Alert> alerts, List<String> services, String canSilence) {}

    public record Table(Filter filter, List<Alert> alerts, boolean canSilence) {}
}
