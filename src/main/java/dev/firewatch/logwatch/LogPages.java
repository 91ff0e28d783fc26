package dev.firewatch.logwatch;

import dev.firewatch.web.Frame;
import java.util.List;

/** The models of the log rules page and of the part of it htmx refreshes. */
public final class LogPages {
    private LogPages() {}

    public record Listing(Frame frame, Table table) {}

    public record Table(List<RuleView> rules) {
        public Table {
            rules = List.copyOf(rules);
        }

        public long firing() {
            return rules.stream().filter(RuleView::firing).count();
        }
    }
}
