package dev.firewatch.paging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firewatch.incident.Incident;
import dev.firewatch.incident.IncidentAlert;
import dev.firewatch.incident.Incidents;
import dev.firewatch.notify.Notification;
import dev.firewatch.store.Statements;
import java.util.List;

/**
 * The payload of a notification, made when it is queued: the incident as the API shows it, its newest alerts,
 * and links made for the recipient. Kept with the row, so every retry sends the same words.
 */
final class PageMessages {
    /** Alerts a message carries: enough to say what is wrong; the incident page has the rest. */
    private static final int ALERTS = 5;

    private final Incidents incidents;
    private final IncidentAlert.AlertsOfIncident alerts;
    private final LinkMaker links;
    private final ObjectMapper json;

    PageMessages(Incidents incidents, IncidentAlert.AlertsOfIncident alerts, LinkMaker links, ObjectMapper json) {
        this.incidents = incidents;
        this.alerts = alerts;
        this.links = links;
        this.json = json;
    }

    /** The incident's part of a message, read once per page and shared by its recipients. */
    record Subject(Incident incident, List<IncidentAlert> alerts) {}

    Subject subject(Statements sql, String incidentId) {
        Incident incident = incidents
                .current(sql, incidentId)
                .orElseThrow(() -> new IllegalStateException("incident " + incidentId + " is gone"));
        return new Subject(incident, alerts.of(incidentId, null, ALERTS));
    }

    String payload(Subject subject, String event, String recipient) {
        ObjectNode root = json.createObjectNode();
        root.put("event", event);
        root.set("incident", json.valueToTree(subject.incident()));
        root.set("alerts", json.valueToTree(subject.alerts()));
        Notification.Links made =
                links.links(subject.incident().id(), subject.incident().number(), recipient);
        ObjectNode linkNode = root.putObject("links");
        linkNode.put("incident", made.incident());
        linkNode.put("acknowledge", made.acknowledge());
        linkNode.put("resolve", made.resolve());
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notification could not be written as JSON", e);
        }
    }
}
