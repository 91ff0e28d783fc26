package dev.firewatch.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * A link a message offers to press, in the order every channel shows them: acknowledge while nobody has, resolve
 * while it is open, the runbook, and the incident itself. The acknowledge and resolve links open confirm pages, so
 * a chat client's link preview that follows them changes nothing.
 */
record Action(String label, String url) {
    static List<Action> of(Notification notification, Happening happening) {
        List<Action> actions = new ArrayList<>();
        var links = notification.links();
        boolean triggered =
                "triggered".equals(notification.incident().path("state").asText("triggered"));
        if (happening.open() && triggered) {
            add(actions, "Acknowledge", links.acknowledge());
        }
        if (happening.open()) {
            add(actions, "Resolve", links.resolve());
            add(actions, "Runbook", notification.runbookUrl());
        }
        add(actions, happening == Happening.TEST ? "Open Firewatch" : "Open incident", links.incident());
        return List.copyOf(actions);
    }

    /** A missing link (no runbook, no public URL) makes no button rather than a dead one. */
    private static void add(List<Action> actions, String label, String url) {
        if (url != null && !url.isBlank()) {
            actions.add(new Action(label, url));
        }
    }
}
