package dev.firewatch.incident;

import dev.firewatch.store.Keyset;
import dev.firewatch.web.Frame;
import java.util.List;

/** Models of the incident pages, one record per template. */
public final class IncidentPages {
    private IncidentPages() {}

    /**
     * @param before the cursor of the page shown, or null for the newest
     * @param older the cursor of the next page, or null when there is none
     */
    public record Listing(Frame frame, List<Incident> incidents, String filter, String before, String older) {
        /** The same list's URL parameters, without the page. */
        public String query() {
            return filter.equals("all") ? "show=all" : "show=open";
        }
    }

    /**
     * An incident with the newest page of its alerts and the latest page of its timeline; each links to
     * older rows when there are more, so a storm of thousands of alerts costs one page.
     *
     * @param notifications who was notified, how, when and whether it got there, newest first
     * @param canAct whether the viewer may act (a responder): the action buttons show only then
     * @param assignees who the incident can be reassigned to
     * @param snoozeChoices the lengths the snooze form offers
     */
    public record Detail(
            Frame frame,
            Incident incident,
            Keyset.Page<IncidentAlert> alerts,
            Keyset.Page<TimelineEntry> timeline,
            List<String> recentChanges,
            List<IncidentNotice> notifications,
            boolean canAct,
            List<String> assignees,
            List<String> snoozeChoices) {
        public boolean triggered() {
            return incident.state() == IncidentState.TRIGGERED;
        }

        public boolean acknowledged() {
            return incident.state() == IncidentState.ACKNOWLEDGED;
        }
    }

    /**
     * The page a one-click link opens, and the one its button answers with.
     *
     * @param button the action's name on the confirm button, or null when there is nothing to confirm
     * @param incidentUrl where the responder goes next (the incident's page)
     */
    public record Act(Frame frame, String heading, String message, String button, String incidentUrl) {}
}
