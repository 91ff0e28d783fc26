package dev.firewatch.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a message as a channel's config writes them ({@code title:}, {@code text:}), with placeholders in
 * braces: {@code {incident.title} on {incident.service}}. Parsed when the config loads, so a misspelt placeholder
 * is an error with its line and column then, not a blank in a page at three in the morning.
 *
 * <p>A brace followed by a name and a closing brace is a placeholder and must be one of {@link #PLACEHOLDERS};
 * any other brace is text, so JSON or a lone {@code {} in a message needs no escaping.
 *
 * @param text as written, for errors
 */
public record MessageTemplate(String text, List<Part> parts) {
    /** Every placeholder a template may use, in the order the documentation lists them. */
    public static final List<String> PLACEHOLDERS = List.of(
            "incident.title",
            "incident.number",
            "incident.severity",
            "incident.service",
            "incident.state",
            "incident.id",
            "alert.summary",
            "links.incident",
            "links.acknowledge",
            "links.resolve",
            "runbook_url",
            "event",
            "recipient");

    /** The channel settings that hold a template. */
    public static final Set<String> SETTINGS = Set.of("title", "text");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_.]*)}");

    public MessageTemplate {
        parts = List.copyOf(parts);
    }

    /** A piece of a template. */
    public sealed interface Part permits Literal, Placeholder {}

    public record Literal(String text) implements Part {}

    public record Placeholder(String name) implements Part {}

    /** What parsing gave: a template, or the first unknown placeholder and where it starts. */
    public sealed interface Parsing permits Ok, Unknown {}

    public record Ok(MessageTemplate template) implements Parsing {}

    /** @param offset 0-based index of the placeholder's opening brace in the text */
    public record Unknown(int offset, String placeholder) implements Parsing {}

    public static Parsing parse(String text) {
        List<Part> parts = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        int literalFrom = 0;
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!PLACEHOLDERS.contains(name)) {
                return new Unknown(matcher.start(), name);
            }
            if (matcher.start() > literalFrom) {
                parts.add(new Literal(text.substring(literalFrom, matcher.start())));
            }
            parts.add(new Placeholder(name));
            literalFrom = matcher.end();
        }
        if (literalFrom < text.length()) {
            parts.add(new Literal(text.substring(literalFrom)));
        }
        return new Ok(new MessageTemplate(text, parts));
    }

    /**
     * The template for text that the config has already checked. Text that somehow is not a template (a spec
     * built by hand) is sent as it is: a page with a stray brace beats no page.
     */
    static MessageTemplate lenient(String text) {
        return switch (parse(text)) {
            case Ok ok -> ok.template();
            case Unknown unknown -> new MessageTemplate(text, List.of(new Literal(text)));
        };
    }

    /** The words for one notification; a placeholder with nothing to show (no runbook) becomes empty. */
    public String render(Notification notification) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal literal -> out.append(literal.text());
                case Placeholder placeholder -> out.append(value(placeholder.name(), notification));
            }
        }
        return out.toString();
    }

    private static String value(String name, Notification n) {
        return switch (name) {
            case "incident.title" -> n.title();
            case "incident.number" -> String.valueOf(n.number());
            case "incident.severity" -> n.severity();
            case "incident.service" -> n.service();
            case "incident.state" -> n.incident().path("state").asText("");
            case "incident.id" -> n.incident().path("id").asText("");
            case "alert.summary" -> firstAlertSummary(n);
            case "links.incident" -> n.links().incident();
            case "links.acknowledge" -> n.links().acknowledge();
            case "links.resolve" -> n.links().resolve();
            case "runbook_url" -> n.runbookUrl();
            case "event" -> Happening.of(n.event()).word();
            case "recipient" -> n.recipient();
            default -> throw new IllegalStateException("placeholder {" + name + "} passed parsing but has no value");
        };
    }

    static String firstAlertSummary(Notification n) {
        for (JsonNode alert : n.alerts()) {
            String summary = alert.path("summary").asText("");
            if (!summary.isBlank()) {
                return summary;
            }
        }
        return "";
    }

    @Override
    public String toString() {
        return text;
    }
}
