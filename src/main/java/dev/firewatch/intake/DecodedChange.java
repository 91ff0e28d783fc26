package dev.firewatch.intake;

import java.util.List;

/** The outcome of decoding one change event body ({@code POST /v2/change/enqueue}). */
public sealed interface DecodedChange permits DecodedChange.Accepted, DecodedChange.Rejected {

    record Accepted(ChangeEvent change) implements DecodedChange {}

    /** Nothing of the body may be kept; {@code errors} has one sentence per problem found. */
    record Rejected(List<FieldError> errors) implements DecodedChange {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }
}
