package dev.firewatch.health;

/** One dependency's readiness, e.g. {@code database}; each feature with something to check adds one. */
public interface Check {
    String name();

    Result run();

    /**
     * ok, degraded (working, but not at full service, and so still ready), or failing, with a detail that tells an
     * operator what to look at.
     */
    record Result(boolean ok, String detail, boolean degraded) {
        public static Result ok(String detail) {
            return new Result(true, detail, false);
        }

        public static Result degraded(String detail) {
            return new Result(true, detail, true);
        }

        public static Result failing(String detail) {
            return new Result(false, detail, false);
        }

        /** As {@code /readyz} and the dashboard show it. */
        public String status() {
            return !ok ? "failing" : degraded ? "degraded" : "ok";
        }
    }
}
