package dev.firewatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** {@code --output table|json}: JSON prints what the API returns; a table is drawn from the same JSON. */
final class Output {
    @Option(
            names = "--output",
            defaultValue = "table",
            description = "table (for people) or json (what the API returns).")
    String format;

    void print(PrintStream out, JsonNode body, String things, String[] headings, Function<JsonNode, String[]> row) {
        if ("json".equals(format)) {
            try {
                out.println(new ObjectMapper().writeValueAsString(body));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        Table table = new Table(headings);
        body.path(things).forEach(item -> table.row(row.apply(item)));
        table.print(out);
        if (body.path(things).isEmpty()) {
            out.println("(none)");
        }
    }

    /** A JSON value as a table cell: empty for null. */
    static String cell(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? "" : node.asText();
    }
}
