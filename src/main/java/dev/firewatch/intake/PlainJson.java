package dev.firewatch.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free-form JSON (custom details) as plain, immutable Java values: maps, lists, strings, numbers, booleans and
 * null, so signals carry no Jackson types. Recursion depth is bounded by {@link JsonBody#MAX_DEPTH}.
 */
final class PlainJson {
    private PlainJson() {}

    static Map<String, Object> object(ObjectNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            map.put(entry.getKey(), value(entry.getValue()));
        }
        // Not Map.copyOf: details may hold JSON nulls, and the sender's key order reads best.
        return Collections.unmodifiableMap(map);
    }

    static Object value(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> object((ObjectNode) node);
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(element -> list.add(value(element)));
                yield Collections.unmodifiableList(list);
            }
            case STRING -> node.textValue();
            case NUMBER -> node.numberValue();
            case BOOLEAN -> node.booleanValue();
            case NULL, MISSING, BINARY, POJO -> null;
        };
    }
}
