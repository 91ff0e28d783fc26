package dev.firewatch.logwatch;

import dev.firewatch.store.Statements;
import dev.firewatch.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the rules' state and newest matches for the page, the API and the CLI. Reads only: the CLI uses it on a
 * store a running server writes to. Bounded by the config: the configured rules' rows, found by name.
 */
public final class LogRuleViews {
    private final Store store;
    private final Clock clock;
    private final Supplier<List<LogRuleSpec>> rules;
    private final LogRuleSql ruleSql;

    public LogRuleViews(Store store, Clock clock, Supplier<List<LogRuleSpec>> rules) {
        this.store = store;
        this.clock = clock;
        this.rules = rules;
        this.ruleSql = new LogRuleSql(store.vendor());
    }

    /** Every configured rule, in the config's order. */
    public List<RuleView> all() {
        List<LogRuleSpec> specs = rules.get();
        Instant now = clock.instant();
        return store.read(tx -> {
            try (Statements sql = Statements.over(tx)) {
                Map<String, StoredRule> rows = new LinkedHashMap<>();
                ruleSql.read(sql, specs.stream().map(LogRuleSpec::name).toList())
                        .forEach(row -> rows.put(row.rule(), row));
                List<RuleView> views = new ArrayList<>();
                for (LogRuleSpec spec : specs) {
                    StoredRule row = rows.get(spec.name());
                    if (row != null
                            && !(row.definition().equals(spec.kind().definition())
                                    && row.service().equals(spec.service()))) {
                        row = null; // changed in the config; the scheduler starts it afresh in a moment
                    }
                    views.add(RuleView.of(spec, row, ruleSql.matches(sql, spec.name(), spec.evidence()), now));
                }
                return views;
            }
        });
    }
}
