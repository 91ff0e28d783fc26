package dev.firewatch.alert;

/**
 * What parsing a small piece of text gave: the value, or the first thing wrong and where. The offset lets a
 * caller point into the file or command line the text came from.
 */
public sealed interface Parsed<T> permits Parsed.Ok, Parsed.Failed {

    record Ok<T>(T value) implements Parsed<T> {}

    /** @param offset 0-based index into the parsed text of the character that is wrong */
    record Failed<T>(int offset, String message) implements Parsed<T> {}

    /** The value; for tests and for text that is known to be good, like a matcher we wrote ourselves. */
    default T orThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Failed<T> failed ->
                throw new IllegalArgumentException("at column " + (failed.offset() + 1) + ": " + failed.message());
        };
    }
}
