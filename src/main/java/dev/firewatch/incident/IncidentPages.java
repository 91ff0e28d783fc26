package dev.firewatch.incident;

import dev.firewatch.web.Frame;
import java.util.List;

/** Models of the incident pages, one record per template. */
public final class IncidentPages {
    private IncidentPages() {}

    public record Listing(Frame frame, List<Incident> incidents, String filter) {}

    public record Detail(
            Frame frame,
            Incident incident,
            List<IncidentAlert> alerts,
            List<TimelineEntry> timeline,
            List<String> recentChanges,
            boolean canAct) {}
}
