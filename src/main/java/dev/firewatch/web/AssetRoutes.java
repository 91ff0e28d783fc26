package dev.firewatch.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stylesheet, htmx and the OpenAPI document, served from the jar. Explicit routes instead of a static-file handler: that
 * handler opens the whole 30 MB jar as a file system at start-up, which cost a third of a second of boot.
 */
public final class AssetRoutes implements RouteSet {
    /** Keep in step with the htmx.org webjar version in the pom; the asset test fails when they differ. */
    static final String HTMX = "META-INF/resources/webjars/htmx.org/2.0.8/dist/htmx.min.js";

    private record Asset(String resource, String contentType) {}

    private static final Map<String, Asset> ASSETS = Map.of(
            "firewatch.css", new Asset("web/assets/firewatch.css", "text/css; charset=utf-8"),
            "htmx.min.js", new Asset(HTMX, "text/javascript; charset=utf-8"));

    /** The API's description, kept by hand beside the routes; OpenApiTest fails when a route is missing. */
    private static final Asset OPENAPI = new Asset("web/openapi.json", "application/json");

    private final RouteRole publicAccess;
    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    /** @param publicAccess the access level anyone has; assets carry no data worth guarding */
    public AssetRoutes(RouteRole publicAccess) {
        this.publicAccess = publicAccess;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/assets/{name}", this::serve, publicAccess);
        routes.get("/api/v1/openapi.json", ctx -> send(ctx, OPENAPI), publicAccess);
    }

    private void serve(Context ctx) {
        Asset asset = ASSETS.get(ctx.pathParam("name"));
        if (asset == null) {
            throw HttpProblem.notFound("no asset named " + ctx.pathParam("name"));
        }
        send(ctx, asset);
    }

    private void send(Context ctx, Asset asset) {
        byte[] bytes = loaded.computeIfAbsent(asset.resource(), AssetRoutes::read);
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(asset.contentType()).result(bytes);
    }

    private static byte[] read(String resource) {
        try (InputStream in = AssetRoutes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
