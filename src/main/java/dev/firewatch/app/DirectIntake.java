package dev.firewatch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.health.HttpMetrics;
import dev.firewatch.intake.IntakeRoutes;
import dev.firewatch.web.ApiError;
import dev.firewatch.web.HttpProblem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * The three endpoints that take alerts, served straight from Jetty in front of Javalin: {@code POST /v2/enqueue},
 * {@code POST /api/v1/events} and {@code POST /api/v1/integrations/alertmanager/{key}}. The servlet layer, the
 * session handler and Javalin's routing cost more per request than decoding and committing an event did
 * (docs/performance.md, "Intake without the servlet layer"), and these endpoints are public and answer JSON, so
 * they need none of it.
 *
 * <p>The answers are the same as Javalin's, written by the same {@link IntakeRoutes} and the same JSON mapper.
 * Anything out of the ordinary goes on to Javalin untouched: a store still starting (its 503), a browser asking
 * for a page, a body without a length or over the limit (its 413), {@code Expect: 100-continue}, an escaped path.
 */
final class DirectIntake extends Handler.Wrapper {
    private static final String ALERTMANAGER = "/api/v1/integrations/alertmanager/";
    private static final HttpField JSON =
            new HttpField(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString());

    private final IntakeRoutes intake;
    private final BooleanSupplier storeReady;
    private final long maxBodyBytes;
    private final ObjectMapper json;
    private final HttpMetrics metrics;

    DirectIntake(
            IntakeRoutes intake,
            BooleanSupplier storeReady,
            long maxBodyBytes,
            ObjectMapper json,
            HttpMetrics metrics) {
        this.intake = intake;
        this.storeReady = storeReady;
        this.maxBodyBytes = maxBodyBytes;
        this.json = json;
        this.metrics = metrics;
    }

    /** Which endpoint a request is for, with its path template as Javalin names it for the metrics. */
    private enum Endpoint {
        ENQUEUE("/v2/enqueue"),
        EVENTS("/api/v1/events"),
        ALERTMANAGER_KEYED("/api/v1/integrations/alertmanager/{key}");

        final String route;

        Endpoint(String route) {
            this.route = route;
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        // Javalin ignores one trailing slash; so does this.
        String bare = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Endpoint endpoint = "POST".equals(request.getMethod()) ? endpoint(bare) : null;
        if (endpoint == null || !ordinary(request) || !storeReady.getAsBoolean()) {
            return super.handle(request, response, callback);
        }
        long started = System.nanoTime();
        byte[] body;
        try {
            body = body(request, (int) request.getLength());
        } catch (IOException unread) {
            // The sender went away mid-body: there is nobody to answer.
            callback.failed(unread);
            return true;
        }
        int status;
        byte[] answer;
        try {
            IntakeRoutes.Answer made =
                    switch (endpoint) {
                        case ENQUEUE -> intake.enqueue(body);
                        case EVENTS -> intake.nativeEvents(request.getHeaders().get(IntakeRoutes.KEY_HEADER), body);
                        case ALERTMANAGER_KEYED -> intake.alertmanager(bare.substring(ALERTMANAGER.length()), body);
                    };
            status = made.status();
            answer = json.writeValueAsBytes(made.body());
        } catch (HttpProblem problem) {
            status = problem.status();
            answer = json.writeValueAsBytes(new ApiError(problem.getMessage(), problem.field()));
        } catch (RuntimeException e) {
            status = 500;
            answer = json.writeValueAsBytes(ApiError.of(HttpServer.failed("POST", path, e)));
        }
        response.setStatus(status);
        response.getHeaders().add(JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.length);
        response.write(true, ByteBuffer.wrap(answer), callback);
        metrics.record("POST", endpoint.route, status, System.nanoTime() - started);
        return true;
    }

    /**
     * The body, whose length is known, read into one array: a small body has usually come with the head, and then
     * this is one copy, where Jetty's general reader aggregates into a pooled buffer first.
     */
    private static byte[] body(Request request, int length) throws IOException {
        byte[] body = new byte[length];
        int filled = 0;
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                try (Blocker.Runnable arrived = Blocker.runnable()) {
                    request.demand(arrived);
                    arrived.block();
                }
                continue;
            }
            if (Content.Chunk.isFailure(chunk)) {
                throw new IOException("the request body broke off", chunk.getFailure());
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            int n = Math.min(bytes.remaining(), length - filled);
            bytes.get(body, filled, n);
            filled += n;
            chunk.release();
            if (chunk.isLast()) {
                return body; // Jetty refuses a body that is not as long as its Content-Length says
            }
        }
    }

    /** @param bare the path without a trailing slash */
    private static Endpoint endpoint(String bare) {
        if (bare.equals("/v2/enqueue")) {
            return Endpoint.ENQUEUE;
        }
        if (bare.equals("/api/v1/events")) {
            return Endpoint.EVENTS;
        }
        if (bare.startsWith(ALERTMANAGER)
                && bare.length() > ALERTMANAGER.length()
                && bare.indexOf('/', ALERTMANAGER.length()) < 0
                && bare.indexOf('%') < 0) {
            return Endpoint.ALERTMANAGER_KEYED;
        }
        return null;
    }

    /** A body of known length within the limit, no interim answer asked for, and no browser wanting a page. */
    private boolean ordinary(Request request) {
        long length = request.getLength();
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        return length >= 0
                && length <= maxBodyBytes
                && !request.getHeaders().contains(HttpHeader.EXPECT)
                && (accept == null || !accept.contains("text/html"));
    }
}
