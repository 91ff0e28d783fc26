package dev.firewatch.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignInAndKeysTest {
    @TempDir
    static Path dir;

    static TestFirewatch firewatch;
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        firewatch = TestFirewatch.start(dir);
    }

    @AfterAll
    static void stop() {
        firewatch.close();
    }

    @Test
    void theFirstAdminSignsInWithThePasswordFromTheEnvironment() {
        TestHttp browser = firewatch.http();
        var response = browser.signIn("admin", TestFirewatch.ADMIN_PASSWORD);
        assertThat(response.statusCode()).isEqualTo(303);
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(AccessGate.SESSION_COOKIE + "="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        var dashboard = browser.get("/");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Dashboard").contains("demo").contains(">admin <small>admin</small>");
    }

    @Test
    void aWrongPasswordIsRefusedAndAudited() throws Exception {
        var response = firewatch.http().signIn("admin", "not-the-password");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("That name and password do not match.");
        String admin = firewatch.key(Role.ADMIN);
        JsonNode audit = json.readTree(
                firewatch.http().withKey(admin).get("/api/v1/audit").body());
        assertThat(audit.path("audit_entries").findValuesAsText("action")).contains("session.refused");
    }

    @Test
    void pagesSendAnonymousPeopleToSignInAndBack() {
        var response = firewatch.http().get("/settings/api-keys");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/login?next=%2Fsettings%2Fapi-keys");
    }

    @Test
    void aFormWithoutItsCsrfTokenChangesNothing() throws Exception {
        TestHttp browser = firewatch.http();
        browser.signIn("admin", TestFirewatch.ADMIN_PASSWORD);
        var forged = browser.postForm("/settings/api-keys", Map.of("name", "forged", "role", "admin"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("reload the page");
        String admin = firewatch.key(Role.ADMIN);
        assertThat(firewatch.http().withKey(admin).get("/api/v1/api-keys").body())
                .doesNotContain("forged");
    }

    @Test
    void anApiKeyIsShownOnceWorksUntilRevokedAndEveryStepIsAudited() throws Exception {
        TestHttp admin = firewatch.http().withKey(firewatch.key(Role.ADMIN));
        var created = admin.postJson("/api/v1/api-keys", "{\"name\": \"deploy-bot\", \"role\": \"responder\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = json.readTree(created.body());
        String secret = body.path("key").asText();
        String prefix = body.path("api_key").path("prefix").asText();
        String id = body.path("api_key").path("id").asText();
        assertThat(secret).startsWith(prefix + "_");
        assertThat(body.path("api_key").path("role").asText()).isEqualTo("responder");
        assertThat(body.path("api_key").path("created_at").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        String listing = admin.get("/api/v1/api-keys").body();
        assertThat(listing).contains(prefix).doesNotContain(secret).doesNotContain("hash");

        TestHttp bot = firewatch.http().withKey(secret);
        var me = bot.get("/api/v1/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("key:" + prefix).contains("responder");
        assertThat(json.readTree(admin.get("/api/v1/api-keys").body())
                        .path("api_keys")
                        .findValuesAsText("last_used_at"))
                .isNotEmpty();

        var revoked = admin.postJson("/api/v1/api-keys/" + id + "/revoke", "");
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json.readTree(revoked.body()).path("revoked_at").asText()).isNotBlank();
        var refused = bot.get("/api/v1/me");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("unknown or revoked");

        JsonNode audit = json.readTree(admin.get("/api/v1/audit?limit=1000").body());
        assertThat(audit.path("audit_entries").findValuesAsText("action")).contains("api_key.create", "api_key.revoke");
        assertThat(audit.path("audit_entries").findValuesAsText("target")).contains(prefix);
    }

    @Test
    void aViewerKeyReadsButCannotChangeAnything() {
        TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
        assertThat(viewer.get("/api/v1/me").statusCode()).isEqualTo(200);
        var refused = viewer.postJson("/api/v1/api-keys", "{\"name\": \"sneaky\", \"role\": \"admin\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("needs the admin role").contains("has viewer");
    }

    @Test
    void anAdminSetsAPasswordFromTheUsersPageAndThatPersonCanSignIn() {
        TestHttp browser = firewatch.http();
        browser.signIn("admin", TestFirewatch.ADMIN_PASSWORD);
        String csrf = TestHttp.csrfOf(browser.get("/settings/users").body());
        var set =
                browser.postForm("/settings/users/vera/password", Map.of("_csrf", csrf, "password", "vera-password-1"));
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).contains("Password set for vera");
        TestHttp vera = firewatch.http();
        assertThat(vera.signIn("vera", "vera-password-1").statusCode()).isEqualTo(303);
        assertThat(vera.get("/").body()).contains(">vera <small>viewer</small>");
        assertThat(vera.get("/settings/users").statusCode()).isEqualTo(403);
    }

    @Test
    void aTooShortPasswordIsRefusedWithTheRule() {
        TestHttp browser = firewatch.http();
        browser.signIn("admin", TestFirewatch.ADMIN_PASSWORD);
        String csrf = TestHttp.csrfOf(browser.get("/settings/users").body());
        var set = browser.postForm("/settings/users/rita/password", Map.of("_csrf", csrf, "password", "short"));
        assertThat(set.statusCode()).isEqualTo(400);
        assertThat(set.body()).contains("at least 10 characters");
    }

    @Test
    void signingOutEndsTheSession() {
        TestHttp browser = firewatch.http();
        browser.signIn("admin", TestFirewatch.ADMIN_PASSWORD);
        String csrf = TestHttp.csrfOf(browser.get("/").body());
        assertThat(browser.postForm("/logout", Map.of("_csrf", csrf)).statusCode())
                .isEqualTo(303);
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void signInDoesNotRedirectOffSite() {
        assertThat(AuthRoutes.safeNext("//evil.example/x")).isEqualTo("/");
        assertThat(AuthRoutes.safeNext("https://evil.example")).isEqualTo("/");
        assertThat(AuthRoutes.safeNext("/\\evil.example")).isEqualTo("/");
        assertThat(AuthRoutes.safeNext("/settings/users")).isEqualTo("/settings/users");
    }
}
