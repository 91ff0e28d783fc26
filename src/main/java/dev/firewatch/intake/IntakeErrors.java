package dev.firewatch.intake;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The 400 of Firewatch's own intake endpoints: the first error as the API's {@code {"error", "field"}}, so a
 * caller that reads only those gets the point, and every error under {@code errors}.
 */
@JsonPropertyOrder({"error", "field", "errors"})
record IntakeErrors(String error, String field, List<FieldError> errors) implements WebhookResponses.Body {
    IntakeErrors {
        errors = List.copyOf(errors);
    }

    static IntakeErrors of(List<FieldError> errors) {
        FieldError first = errors.getFirst();
        String error = errors.size() == 1
                ? first.message()
                : first.message() + " (and " + (errors.size() - 1) + " more, under errors)";
        return new IntakeErrors(error, first.field(), errors);
    }

    @Override
    public int httpStatus() {
        return 400;
    }
}
