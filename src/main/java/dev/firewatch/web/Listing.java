package dev.firewatch.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shape of every list the API returns: {@code {"<things>": [...], "next_cursor": "..." | null}}. */
public final class Listing {
    private Listing() {}

    public static Map<String, Object> of(String things, List<?> items, String nextCursor) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(things, items);
        body.put("next_cursor", nextCursor);
        return body;
    }
}
