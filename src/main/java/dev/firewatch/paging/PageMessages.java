package dev.firewatch.paging;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.incident.Incident;
import dev.firewatch.incident.IncidentAlert;
import dev.firewatch.incident.Incidents;
import dev.firewatch.notify.Notification;
import dev.firewatch.store.Statements;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

/**
 * The payload of a notification, made when it is queued: the incident as the API shows it, its newest alerts,
 * and links made for the recipient. Kept with the row, so every retry sends the same words.
 *
 * <p>This runs inside the incident bus's transaction for every page, so it is kept cheap: the incident and its
 * alerts are read with the transaction's own statements and written as JSON once per page, and each recipient's
 * message only adds its links around that text.
 */
final class PageMessages {
    /** Alerts a message carries: enough to say what is wrong; the incident page has the rest. */
    private static final int ALERTS = 5;

    private final Incidents incidents;
    private final IncidentAlert.NewestOfIncident alerts;
    private final LinkMaker links;
    private final ObjectMapper json;

    PageMessages(Incidents incidents, IncidentAlert.NewestOfIncident alerts, LinkMaker links, ObjectMapper json) {
        this.incidents = incidents;
        this.alerts = alerts;
        this.links = links;
        this.json = json;
    }

    /**
     * The incident's part of a message, read once per page and shared by its recipients, with its JSON.
     *
     * @param incidentJson the incident as JSON, as the API writes it
     * @param alertsJson its newest alerts as a JSON array
     */
    record Subject(Incident incident, String incidentJson, String alertsJson) {}

    Subject subject(Statements sql, String incidentId) {
        // One round trip on PostgreSQL for both, on the way to every page.
        Statements.Both<Incident, IncidentAlert> read =
                sql.both(incidents.currentQuery(incidentId), alerts.of(incidentId, ALERTS));
        Incident incident = read.first().stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("incident " + incidentId + " is gone"));
        List<IncidentAlert> newest = read.second();
        try {
            return new Subject(incident, json.writeValueAsString(incident), json.writeValueAsString(newest));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("incident " + incidentId + " could not be written as JSON", e);
        }
    }

    /** {@code {"event", "incident", "alerts", "links"}}, the links signed for {@code recipient}. */
    String payload(Subject subject, String event, String recipient) {
        Notification.Links made =
                links.links(subject.incident().id(), subject.incident().number(), recipient);
        StringWriter out = new StringWriter(
                subject.incidentJson().length() + subject.alertsJson().length() + 512);
        try (JsonGenerator writer = json.getFactory().createGenerator(out)) {
            writer.writeStartObject();
            writer.writeStringField("event", event);
            writer.writeFieldName("incident");
            writer.writeRawValue(subject.incidentJson());
            writer.writeFieldName("alerts");
            writer.writeRawValue(subject.alertsJson());
            writer.writeObjectFieldStart("links");
            writer.writeStringField("incident", made.incident());
            writer.writeStringField("acknowledge", made.acknowledge());
            writer.writeStringField("resolve", made.resolve());
            writer.writeEndObject();
            writer.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("a notification could not be written as JSON", e);
        }
        return out.toString();
    }
}
