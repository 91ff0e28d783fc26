package dev.firewatch.web;

/**
 * What the layout needs around every page: its title, which navigation section is current, and who is
 * looking (null on the login page).
 */
public record Frame(String title, Section section, Viewer viewer) {
    /** Headers htmx adds to every request it makes: the CSRF token of a signed-in viewer. */
    public String htmxHeaders() {
        return viewer == null ? "{}" : "{\"X-CSRF-Token\": \"" + viewer.csrfToken() + "\"}";
    }

    /** The navigation sections. Those not built yet show in the menu as such, without a link. */
    public enum Section {
        DASHBOARD("Dashboard", "/"),
        INCIDENTS("Incidents", "/incidents"),
        ALERTS("Alerts", "/alerts"),
        ON_CALL("On-call", "/oncall"),
        ESCALATION("Escalation", "/escalation"),
        MONITORS("Monitors", "/monitors"),
        RUNBOOKS("Runbooks", null),
        STATUS_PAGE("Status page", null),
        POSTMORTEMS("Postmortems", null),
        SETTINGS("Settings", "/settings/api-keys"),
        NONE("", null);

        private final String label;
        private final String href;

        Section(String label, String href) {
            this.label = label;
            this.href = href;
        }

        public String label() {
            return label;
        }

        public String href() {
            return href;
        }

        public boolean built() {
            return href != null;
        }

        public boolean inMenu() {
            return this != NONE;
        }
    }
}
