package dev.firewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.auth.Role;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReloadTest {
    static final String WITH_PAYMENTS = TestFirewatch.BASE_CONFIG + """
              - name: payments
                description: Card payments
                integration_key: payments-key
            """;

    @Test
    void aGoodFileReplacesTheRunningConfigAndABadOneIsRejectedWithItsErrors(@TempDir Path dir) throws Exception {
        try (TestFirewatch firewatch = TestFirewatch.start(dir)) {
            TestHttp admin = firewatch.http().withKey(firewatch.key(Role.ADMIN));
            assertThat(admin.get("/").body()).doesNotContain("payments");

            Files.writeString(firewatch.configFile(), WITH_PAYMENTS);
            var reloaded = admin.postJson("/api/v1/config/reload", "");
            assertThat(reloaded.statusCode()).isEqualTo(200);
            assertThat(reloaded.body()).contains("\"status\":\"reloaded\"");
            assertThat(admin.get("/").body()).contains("payments").contains("Card payments");

            Files.writeString(
                    firewatch.configFile(),
                    WITH_PAYMENTS.replace("  host: 127.0.0.1", "  hots: 127.0.0.1")
                            + "channels:\n  - name: pager\n    type: slak\n");
            var rejected = admin.postJson("/api/v1/config/reload", "");
            assertThat(rejected.statusCode()).isEqualTo(422);
            assertThat(rejected.body())
                    .contains("has 2 errors")
                    .contains("the running config stays")
                    .contains("firewatch.yaml:2:3: unknown key \\\"hots\\\" in server; did you mean \\\"host\\\"?")
                    .containsPattern("firewatch.yaml:\\d+:\\d+: .*slak.*did you mean .*slack");
            assertThat(admin.get("/").body()).as("the running config stays").contains("payments");
            assertThat(admin.get("/readyz").body()).contains("was rejected with 2 errors");
            assertThat(admin.get("/api/v1/audit").body())
                    .contains("config.reload_rejected")
                    .contains("config.reload");
        }
    }

    @Test
    void onlyAnAdminMayReload(@TempDir Path dir) {
        try (TestFirewatch firewatch = TestFirewatch.start(dir)) {
            TestHttp responder = firewatch.http().withKey(firewatch.key(Role.RESPONDER));
            assertThat(responder.postJson("/api/v1/config/reload", "").statusCode())
                    .isEqualTo(403);
        }
    }
}
