package dev.firewatch.probe.condition;

import java.math.BigDecimal;
import java.time.Duration;

/** The value written on the right of a condition, as parsed once at load. */
sealed interface Literal {
    /** As written in the config, quotes included, for the verdict: {@code [STATUS] (503) == 200}. */
    String written();

    /** The value as text, for {@code contains}, {@code matches} and comparing with text. */
    String text();

    /** What kind of value this is, for messages: "a number", "text". */
    String noun();

    record Number(BigDecimal value, String written) implements Literal {
        @Override
        public String text() {
            return written;
        }

        @Override
        public String noun() {
            return "a number";
        }
    }

    /** {@code 400ms}, {@code 2s}, {@code 14d}. */
    record Span(Duration value, String written) implements Literal {
        @Override
        public String text() {
            return written;
        }

        @Override
        public String noun() {
            return "a duration";
        }
    }

    /** A quoted string or a bare word such as {@code application/json}. */
    record Text(String value, String written) implements Literal {
        @Override
        public String text() {
            return value;
        }

        @Override
        public String noun() {
            return "text";
        }
    }

    record Bool(boolean value, String written) implements Literal {
        @Override
        public String text() {
            return String.valueOf(value);
        }

        @Override
        public String noun() {
            return "true or false";
        }
    }

    record Null(String written) implements Literal {
        @Override
        public String text() {
            return "null";
        }

        @Override
        public String noun() {
            return "null";
        }
    }
}
