package dev.firewatch.intake;

import java.util.List;
import java.util.function.Function;

/** Each decoder behind one shape, for the tests that hold for all of them. */
enum EveryDecoder {
    EVENTS_V2(body -> errors(new EventsV2Decoder(() -> "generated").decode(body, GoldenFiles.RECEIVED_AT))),
    CHANGE_EVENTS(body -> errors(new ChangeEventDecoder().decode(body, GoldenFiles.RECEIVED_AT))),
    ALERTMANAGER(body -> errors(new AlertmanagerDecoder().decode(body, "demo-key", GoldenFiles.RECEIVED_AT))),
    NATIVE(body -> errors(new NativeEventDecoder().decode(body, "demo-key", GoldenFiles.RECEIVED_AT)));

    private final Function<byte[], List<FieldError>> decode;

    EveryDecoder(Function<byte[], List<FieldError>> decode) {
        this.decode = decode;
    }

    /** The errors decoding {@code body} gives; empty when it was accepted. */
    List<FieldError> errors(byte[] body) {
        return decode.apply(body);
    }

    static List<FieldError> errors(Decoded decoded) {
        return switch (decoded) {
            case Decoded.Accepted accepted -> List.of();
            case Decoded.Rejected rejected -> rejected.errors();
        };
    }

    static List<FieldError> errors(DecodedChange decoded) {
        return switch (decoded) {
            case DecodedChange.Accepted accepted -> List.of();
            case DecodedChange.Rejected rejected -> rejected.errors();
        };
    }
}
