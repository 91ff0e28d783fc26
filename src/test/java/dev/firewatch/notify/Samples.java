package dev.firewatch.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Notifications about one incident, #42 on demo, as the outbox would hand them to a sender. */
final class Samples {
    static final String INCIDENT_ID = "0195f3c2-7b1e-7c3a-9d2e-4f1a2b3c4d5e";
    static final String INCIDENT_LINK = "https://firewatch.example.com/incidents/42";
    static final String ACK_LINK = "https://firewatch.example.com/act/ack.0195f3c2.s1gn4ture";
    static final String RESOLVE_LINK = "https://firewatch.example.com/act/resolve.0195f3c2.s1gn4ture";
    static final String RUNBOOK = "https://runbooks.example.com/database";

    private Samples() {}

    static Notification triggered() {
        return notification("n-1", "incident.triggered", "triggered", "SEV1", "Database does not answer");
    }

    static Notification notification(String id, String event, String state, String severity, String title) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode incident = nodes.objectNode()
                .put("id", INCIDENT_ID)
                .put("number", 42)
                .put("title", title)
                .put("service", "demo")
                .put("severity", severity)
                .put("state", state)
                .put("created_at", "2026-11-23T03:14:15.926Z")
                .put("url", INCIDENT_LINK);
        ArrayNode alerts = nodes.arrayNode();
        ObjectNode alert = alerts.addObject()
                .put("summary", "db-1 refuses connections")
                .put("severity", "critical")
                .put("state", "firing");
        alert.putObject("annotations").put("runbook_url", RUNBOOK);
        return new Notification(
                id,
                "idem-" + id,
                1,
                event,
                "alice",
                incident,
                alerts,
                new Notification.Links(INCIDENT_LINK, ACK_LINK, RESOLVE_LINK));
    }

    static ChannelSpec channel(String type, Map<String, String> settings) {
        return new ChannelSpec("team", type, settings, true);
    }
}
