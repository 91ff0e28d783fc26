package dev.firewatch.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.firewatch.store.Keyset;
import io.javalin.http.Context;
import java.util.stream.Collectors;

/** Reading what a caller sent, with 400s that name the field and say what was expected. */
public final class Requests {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final ObjectMapper mapper;

    public Requests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The JSON body as {@code type}; a 400 naming the field when it does not fit. */
    public <T> T json(Context ctx, Class<T> type) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw HttpProblem.badRequest("the request body is empty; send a JSON object", null);
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw HttpProblem.badRequest("the request body is null; send a JSON object", null);
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw HttpProblem.badRequest(
                    "unknown field \"" + e.getPropertyName() + "\"; known fields: "
                            + e.getKnownPropertyIds().stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .collect(Collectors.joining(", ")),
                    path(e));
        } catch (InvalidFormatException e) {
            throw HttpProblem.badRequest(
                    "expected " + e.getTargetType().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " at "
                            + path(e),
                    path(e));
        } catch (MismatchedInputException e) {
            String where = path(e);
            throw HttpProblem.badRequest(
                    where.isEmpty() ? "expected a JSON object" : "wrong type of value at " + where, emptyToNull(where));
        } catch (JsonProcessingException e) {
            throw HttpProblem.badRequest(
                    "the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage(),
                    null);
        } catch (java.io.IOException e) {
            throw HttpProblem.badRequest("the body could not be read: " + e.getMessage(), null);
        }
    }

    /** {@code ?limit=} from 1 to 1000, 100 when absent. */
    public static int limit(Context ctx) {
        String text = ctx.queryParam("limit");
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the same answer as an out-of-range number
        }
        throw HttpProblem.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT, "limit");
    }

    /**
     * A paging cursor: {@code ?before=} on pages, {@code ?cursor=} in the API, the id of the last row of the
     * page before; null when absent. Anything else is a 400 naming the parameter, never a query that cannot
     * match.
     */
    public static String cursor(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        String id = text.strip();
        if (!Keyset.isId(id)) {
            throw HttpProblem.badRequest(
                    name + " must be an id as the \"older\" link or next_cursor gave it, like"
                            + " 0195f3c2-7b1e-7c3a-9d2e-4f1a2b3c4d5e; leave it out for the newest",
                    name);
        }
        return id;
    }

    /** A required, non-blank string field. */
    public static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw HttpProblem.badRequest(field + " is required", field);
        }
        return value.strip();
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping)) {
            return "";
        }
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
