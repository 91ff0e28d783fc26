package dev.firewatch.web;

/**
 * A request that cannot be served as asked, with the status and the words to send back. Thrown from
 * handlers; the server turns it into {@link ApiError} JSON for API calls and an error page for people.
 */
public class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    public HttpProblem(int status, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    public static HttpProblem badRequest(String message, String field) {
        return new HttpProblem(400, message, field);
    }

    public static HttpProblem notFound(String message) {
        return new HttpProblem(404, message, null);
    }

    public static HttpProblem conflict(String message) {
        return new HttpProblem(409, message, null);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
