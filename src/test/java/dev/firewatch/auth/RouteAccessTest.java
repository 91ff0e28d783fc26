package dev.firewatch.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import io.javalin.router.Endpoint;
import io.javalin.security.Roles;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Walks every route the server registered, so a new route cannot slip out without its access check. */
class RouteAccessTest {
    /** Adding a public route is a decision: it must be added here too. */
    static final Set<String> PUBLIC_ROUTES = Set.of(
            "GET /healthz",
            "GET /readyz",
            "GET /metrics",
            "GET /login",
            "POST /login",
            "GET /assets/{name}",
            "GET /api/v1/openapi.json",
            // intake: public, but every call needs an integration key that names a service
            "POST /v2/enqueue",
            "POST /v2/change/enqueue",
            "POST /api/v1/integrations/alertmanager/{key}",
            "POST /api/v1/events",
            "POST /api/v1/integrations/webhook/{key}",
            "POST /api/v1/logs",
            // calendar apps cannot sign in: the secret token in the link is the credential, and it only reads
            "GET /oncall/calendar/{token}.ics",
            // one-click links in notifications: the signed, expiring, single-purpose token is the credential;
            // GET only asks, POST acts once
            "GET /act/{token}",
            "POST /act/{token}",
            // heartbeat pings come from cron jobs and curl one-liners: the uuid in the URL is the credential, and
            // a ping can only say a job ran (or failed), never read anything
            "GET /ping/{uuid}",
            "POST /ping/{uuid}",
            "GET /ping/{uuid}/{kind}",
            "POST /ping/{uuid}/{kind}");

    @TempDir
    static Path dir;

    static TestFirewatch firewatch;
    static List<Endpoint> endpoints;

    @BeforeAll
    static void start() {
        firewatch = TestFirewatch.start(dir);
        endpoints = firewatch.endpoints();
    }

    @AfterAll
    static void stop() {
        firewatch.close();
    }

    @Test
    void everyRouteDeclaresExactlyOneAccessLevel() {
        assertThat(endpoints).hasSizeGreaterThan(10);
        for (Endpoint endpoint : endpoints) {
            Roles roles = endpoint.metadata(Roles.class);
            assertThat(roles == null ? Set.of() : roles.getRoles())
                    .as(name(endpoint))
                    .hasSize(1)
                    .allMatch(Access.class::isInstance);
        }
    }

    @Test
    void onlyTheListedRoutesArePublic() {
        Set<String> actual = endpoints.stream()
                .filter(e -> access(e) == Access.PUBLIC)
                .map(RouteAccessTest::name)
                .collect(Collectors.toSet());
        assertThat(actual).isEqualTo(PUBLIC_ROUTES);
    }

    @Test
    void anAnonymousCallerIsRefusedOnEveryRouteThatNeedsARole() {
        TestHttp anonymous = firewatch.http();
        SoftAssertions soft = new SoftAssertions();
        for (Endpoint endpoint : endpoints) {
            if (access(endpoint) == Access.PUBLIC) {
                continue;
            }
            HttpResponse<String> response = call(anonymous, endpoint);
            boolean sentToSignIn = response.statusCode() == 302
                    && response.headers().firstValue("Location").orElse("").startsWith("/login");
            soft.assertThat(response.statusCode() == 401 || sentToSignIn)
                    .as("%s answered %d %s", name(endpoint), response.statusCode(), response.body())
                    .isTrue();
        }
        soft.assertAll();
    }

    @Test
    void aViewerIsRefusedOnEveryRouteForRespondersAndAdmins() {
        TestHttp viewerKey = firewatch.http().withKey(firewatch.key(Role.VIEWER));
        firewatch.setPassword("vera", "vera-password-1");
        TestHttp viewerBrowser = firewatch.http();
        viewerBrowser.signIn("vera", "vera-password-1");
        SoftAssertions soft = new SoftAssertions();
        for (Endpoint endpoint : endpoints) {
            Access access = access(endpoint);
            if (access == Access.PUBLIC || access == Access.VIEWER) {
                continue;
            }
            for (TestHttp viewer : List.of(viewerKey, viewerBrowser)) {
                HttpResponse<String> response = call(viewer, endpoint);
                soft.assertThat(response.statusCode())
                        .as("%s as a viewer answered %s", name(endpoint), response.body())
                        .isEqualTo(403);
            }
        }
        soft.assertAll();
    }

    private static HttpResponse<String> call(TestHttp http, Endpoint endpoint) {
        String path = endpoint.path.replaceAll("\\{[^}]+}", "x");
        return http.send(endpoint.method.name(), path, "Accept", "text/html");
    }

    private static Access access(Endpoint endpoint) {
        return (Access) endpoint.metadata(Roles.class).getRoles().iterator().next();
    }

    private static String name(Endpoint endpoint) {
        return endpoint.method.name() + " " + endpoint.path;
    }
}
