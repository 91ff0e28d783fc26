package dev.firewatch.health;

/** One dependency's readiness, e.g. {@code database}; each feature with something to check adds one. */
public interface Check {
    String name();

    Result run();

    /** ok, or not with a detail that tells an operator what to look at. */
    record Result(boolean ok, String detail) {
        public static Result ok(String detail) {
            return new Result(true, detail);
        }

        public static Result failing(String detail) {
            return new Result(false, detail);
        }
    }
}
