package dev.firewatch.intake;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Turns the bytes of a request body into one JSON value, or records the one reason it cannot. */
final class JsonBody {
    /**
     * Deeper than any real alert body (Alertmanager's is four levels, a PagerDuty event with nested custom
     * details perhaps ten), and shallow enough that turning details into maps and writing them out again
     * never comes near the end of a thread's stack.
     */
    static final int MAX_DEPTH = 100;

    /**
     * Thread-safe once configured; parsing only. Its buffers come from a pool shared by all threads: Jackson's
     * default keeps them per thread, and every request runs on a virtual thread of its own, so each parse
     * allocated fresh ones.
     */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .build())
                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                    .build())
            // "{...} garbage" is a broken body, not an object followed by noise to ignore.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBody() {}

    /** The body's top-level object, or null after adding a whole-body error to {@code errors}. */
    static ObjectNode object(byte[] body, List<FieldError> errors) {
        JsonNode root = value(body, "a JSON object", errors);
        if (root == null) {
            return null;
        }
        if (!(root instanceof ObjectNode object)) {
            errors.add(new FieldError(
                    null, "the body must be a JSON object ({...}), got " + JsonFields.kindOf(root) + " at the top"));
            return null;
        }
        return object;
    }

    /**
     * The body's top-level value, whatever its kind, or null after adding a whole-body error to {@code errors}.
     *
     * @param expected what the body should be, for the message when it is empty
     */
    static JsonNode value(byte[] body, String expected, List<FieldError> errors) {
        if (body == null) {
            errors.add(new FieldError(null, "the body is empty; expected " + expected));
            return null;
        }
        JsonNode plain = plainAscii(body);
        if (plain != null) {
            return plain;
        }
        // Decoded here rather than by Jackson, which guesses UTF-16 or UTF-32 from zero bytes: JSON over
        // HTTP is UTF-8 (RFC 8259 §8.1), and an error that gives the byte offset is one a sender can fix.
        String text = utf8(body, errors);
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            errors.add(new FieldError(null, "the body is empty; expected " + expected));
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (StreamConstraintsException e) {
            errors.add(new FieldError(null, beyondLimits(e)));
            return null;
        } catch (JacksonException e) {
            errors.add(new FieldError(
                    null,
                    "the body is not valid JSON" + where(e.getLocation()) + ": " + shortened(e.getOriginalMessage())));
            return null;
        }
        if (root == null || root.isMissingNode()) {
            errors.add(new FieldError(null, "the body is empty; expected " + expected));
            return null;
        }
        return root;
    }

    /**
     * The common case, parsed straight from the bytes: a body of ASCII without zero bytes reads the same as
     * bytes or as text (no byte order mark, nothing for Jackson to take for UTF-16 or UTF-32), and skipping the
     * copy into a string was worth it on every request. Null for any other body, for a blank one and for one
     * Jackson refuses, so every error and its message still come from the path below.
     */
    private static JsonNode plainAscii(byte[] body) {
        for (byte b : body) {
            if (b <= 0) {
                return null;
            }
        }
        try {
            JsonNode root = JSON.readTree(body);
            return root == null || root.isMissingNode() ? null : root;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String utf8(byte[] body, List<FieldError> errors) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            errors.add(new FieldError(
                    null,
                    "the body is not UTF-8: byte " + in.position() + " (0x"
                            + String.format("%02x", body[Math.min(in.position(), body.length - 1)] & 0xff)
                            + ") does not start or continue a UTF-8 character; send JSON encoded as UTF-8"));
            return null;
        }
        return out.flip().toString();
    }

    private static String beyondLimits(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return "the body nests objects and arrays more than " + MAX_DEPTH + " levels deep" + where(e.getLocation())
                    + "; flatten it";
        }
        // Jackson names its own setting ("from `StreamReadConstraints...`"), which means nothing to a sender.
        return "the body is beyond what intake reads" + where(e.getLocation()) + ": "
                + shortened(message.replaceAll(", from `[^`]*`", ""));
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Jackson's own words, which may quote a long stretch of the body; one line and a bounded length. */
    private static String shortened(String message) {
        String line = String.valueOf(message).replaceAll("\\s+", " ").strip();
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
