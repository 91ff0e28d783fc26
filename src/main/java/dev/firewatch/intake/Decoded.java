package dev.firewatch.intake;

import dev.firewatch.alert.Signal;
import java.util.List;

/** The outcome of decoding one request body: every signal it carries, or every reason it cannot be used. */
public sealed interface Decoded permits Decoded.Accepted, Decoded.Rejected {

    /** The body was valid; these signals go on to the journal, in the order the body listed them. */
    record Accepted(List<Signal> signals) implements Decoded {
        public Accepted {
            signals = List.copyOf(signals);
        }
    }

    /** The body was not valid; nothing of it may be kept. {@code errors} has one sentence per problem found. */
    record Rejected(List<FieldError> errors) implements Decoded {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }
}
