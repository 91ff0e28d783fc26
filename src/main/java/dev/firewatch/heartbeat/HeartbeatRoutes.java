package dev.firewatch.heartbeat;

import dev.firewatch.auth.Access;
import dev.firewatch.auth.Caller;
import dev.firewatch.store.Keyset;
import dev.firewatch.web.Frame;
import dev.firewatch.web.HttpProblem;
import dev.firewatch.web.Listing;
import dev.firewatch.web.Pages;
import dev.firewatch.web.Requests;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * The ping endpoints jobs call (public: the uuid in the URL is the credential), the API, and the heartbeat
 * pages that keep themselves current. Ping answers are plain {@code OK}, as healthchecks answers, so scripts that
 * ping healthchecks work unchanged.
 */
public final class HeartbeatRoutes implements RouteSet {
    /** How many pings the detail page shows. */
    private static final int PAGE_PINGS = 50;

    private final Heartbeats heartbeats;
    private final Pages pages;
    private final Clock clock;

    public HeartbeatRoutes(Heartbeats heartbeats, Pages pages, Clock clock) {
        this.heartbeats = heartbeats;
        this.pages = pages;
        this.clock = clock;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/ping/{uuid}", ctx -> ping(ctx, PingKind.SUCCESS, null), Access.PUBLIC);
        routes.post("/ping/{uuid}", ctx -> ping(ctx, PingKind.SUCCESS, null), Access.PUBLIC);
        routes.get("/ping/{uuid}/{kind}", this::pingOfKind, Access.PUBLIC);
        routes.post("/ping/{uuid}/{kind}", this::pingOfKind, Access.PUBLIC);

        routes.get(
                "/api/v1/heartbeats", ctx -> ctx.json(Listing.of("heartbeats", heartbeats.all(), null)), Access.VIEWER);
        routes.get("/api/v1/heartbeats/{name}", ctx -> ctx.json(view(ctx)), Access.VIEWER);
        routes.get(
                "/api/v1/heartbeats/{name}/pings",
                ctx -> {
                    HeartbeatView heartbeat = view(ctx);
                    Keyset.Page<LoggedPing> page =
                            heartbeats.pings(heartbeat.name(), Requests.cursor(ctx, "cursor"), Requests.limit(ctx));
                    ctx.json(Listing.of("pings", page.rows(), page.older()));
                },
                Access.VIEWER);

        routes.get("/heartbeats", this::list, Access.VIEWER);
        routes.get("/heartbeats/{name}", this::detail, Access.VIEWER);
    }

    /** {@code /start}, {@code /fail}, or an exit code: 0 is a success, 1 to 255 a failure. */
    private void pingOfKind(Context ctx) {
        String kind = ctx.pathParam("kind");
        switch (kind) {
            case "start" -> ping(ctx, PingKind.START, null);
            case "fail" -> ping(ctx, PingKind.FAIL, null);
            default -> {
                int code = exitCode(kind);
                ping(ctx, code == 0 ? PingKind.SUCCESS : PingKind.FAIL, code);
            }
        }
    }

    private static int exitCode(String text) {
        if (text.matches("\\d{1,3}")) {
            int code = Integer.parseInt(text);
            if (code <= 255) {
                return code;
            }
        }
        throw HttpProblem.notFound("no such ping: expected /ping/<uuid>, /ping/<uuid>/start, /ping/<uuid>/fail or"
                + " /ping/<uuid>/<exit code from 0 to 255>, found .../" + Shown.of(text));
    }

    private void ping(Context ctx, PingKind kind, Integer exitCode) {
        UUID uuid = uuid(ctx.pathParam("uuid"));
        // Read before the heartbeat is looked up, so a body over server.max_body is a 413 whoever sends it.
        byte[] body = ctx.bodyAsBytes();
        Ping ping = new Ping(
                clock.instant(),
                kind,
                exitCode,
                excerpt(body),
                ctx.method().name(),
                ctx.ip(),
                Optional.ofNullable(ctx.userAgent())
                        .map(Shown::clean)
                        .map(a -> Shown.cut(a, 200))
                        .orElse(null));
        Optional<Heartbeat> pinged;
        try {
            pinged = heartbeats.ping(uuid, ping);
        } catch (RuntimeException e) {
            throw new HttpProblem(503, "the ping could not be stored (" + e.getMessage() + "); send it again", null);
        }
        if (pinged.isEmpty()) {
            throw HttpProblem.notFound("no heartbeat has the ping id " + uuid
                    + "; check heartbeats[].uuid in the Firewatch config (GET /api/v1/heartbeats lists the ping URLs)");
        }
        ctx.contentType("text/plain; charset=utf-8").result("OK");
    }

    private static UUID uuid(String text) {
        if (text.length() == 36) {
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException notAUuid) {
                // answered below
            }
        }
        throw HttpProblem.notFound("no heartbeat pings at /ping/" + Shown.of(text)
                + ": the ping id is a UUID like 6f1b7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e, from heartbeats[].uuid in the"
                + " Firewatch config");
    }

    /**
     * The first {@link Heartbeats#LOG_BYTES} of the body as text. Bytes that are not UTF-8 (or a character cut in
     * half at the end) become U+FFFD, and so do NUL characters, which PostgreSQL's text cannot hold.
     */
    static String excerpt(byte[] body) {
        byte[] kept = body.length <= Heartbeats.LOG_BYTES ? body : Arrays.copyOf(body, Heartbeats.LOG_BYTES);
        try {
            return Shown.clean(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(kept))
                    .toString());
        } catch (CharacterCodingException cannotHappenWithReplace) {
            return "";
        }
    }

    private HeartbeatView view(Context ctx) {
        String name = ctx.pathParam("name");
        return heartbeats
                .one(name)
                .orElseThrow(() -> HttpProblem.notFound(
                        "no heartbeat named " + Shown.of(name) + " in the config; GET /api/v1/heartbeats lists them"));
    }

    private void list(Context ctx) {
        var model = new HeartbeatPages.Overview(frame(ctx, "Heartbeats"), heartbeats.all());
        pages.render(ctx, "table".equals(ctx.queryParam("part")) ? "heartbeat/table.jte" : "heartbeat/list.jte", model);
    }

    private void detail(Context ctx) {
        HeartbeatView heartbeat = view(ctx);
        var pings = heartbeats.pings(heartbeat.name(), null, PAGE_PINGS).rows();
        var model = new HeartbeatPages.Detail(
                frame(ctx, "Heartbeat " + heartbeat.name()), heartbeat, pings, PingChart.of(pings));
        pages.render(ctx, "log".equals(ctx.queryParam("part")) ? "heartbeat/log.jte" : "heartbeat/detail.jte", model);
    }

    private static Frame frame(Context ctx, String title) {
        return new Frame(title, Frame.Section.MONITORS, Caller.of(ctx).viewer());
    }
}
