package dev.firewatch.intake;

import dev.firewatch.alert.Severity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The severities a sender may name, by wire name, most severe first (the order error messages list them). */
public final class SeverityNames {
    public static final Map<String, Severity> BY_NAME = byName();

    private SeverityNames() {}

    private static Map<String, Severity> byName() {
        Map<String, Severity> names = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            names.put(severity.wireName(), severity);
        }
        return Collections.unmodifiableMap(names);
    }
}
