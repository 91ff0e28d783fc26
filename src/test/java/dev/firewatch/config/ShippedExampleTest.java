package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.auth.Role;
import dev.firewatch.auth.UserSpec;
import dev.firewatch.service.ServiceSpec;
import dev.firewatch.store.Vendor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The firewatch.yaml at the project root is what newcomers copy; it must load as it is. */
class ShippedExampleTest {
    private static final Path EXAMPLE = Path.of("firewatch.yaml");

    @Test
    void loadsWithTheDemoWebhookOffAndOneWarningWhenItsUrlIsUnset() throws IOException {
        var result = new ConfigLoader(Map.of()).load(EXAMPLE);

        var config = Configs.loaded(result);
        assertThat(config.source()).isEqualTo(EXAMPLE);
        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().publicUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(config.store().vendor()).isEqualTo(Vendor.SQLITE);
        assertThat(config.users()).containsExactly(new UserSpec("admin", "admin@example.com", Role.ADMIN));
        assertThat(config.services())
                .containsExactly(
                        new ServiceSpec(
                                "demo",
                                "The demo service from the README",
                                "demo-key",
                                List.of("demo-webhook"),
                                List.of()),
                        new ServiceSpec(
                                "firewatch",
                                "This Firewatch, watched by its own readiness monitor",
                                "firewatch-self-key",
                                List.of(),
                                List.of()));
        assertThat(config.monitors())
                .extracting(m -> m.name() + " of " + m.service() + " every " + m.interval())
                .containsExactly("firewatch-ready of firewatch every PT30S");
        var webhook = config.channels().getFirst();
        assertThat(webhook.name()).isEqualTo("demo-webhook");
        assertThat(webhook.type()).isEqualTo("webhook");
        assertThat(webhook.enabled()).isFalse();
        assertThat(webhook.settings()).containsEntry("secret", "demo-secret");
        assertThat(Configs.lines(result))
                .containsExactly("firewatch.yaml:" + lineOf("url: ${FIREWATCH_DEMO_WEBHOOK_URL:-}")
                        + ":10: channel demo-webhook is off: url is empty because FIREWATCH_DEMO_WEBHOOK_URL is unset");
    }

    /** The example will gain comments; the warning must keep pointing at the url line wherever it moves. */
    private static int lineOf(String text) throws IOException {
        var lines = Files.readAllLines(EXAMPLE);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("expected \"" + text + "\" in " + EXAMPLE + ", found no such line");
    }

    @Test
    void turnsTheDemoWebhookOnWithItsUrlAndSecretWhenTheVariablesAreSet() {
        var environment = Map.of(
                "FIREWATCH_DEMO_WEBHOOK_URL", "http://127.0.0.1:9999/hook",
                "FIREWATCH_DEMO_WEBHOOK_SECRET", "s3cret");

        var result = new ConfigLoader(environment).load(EXAMPLE);

        var webhook = Configs.loaded(result).channels().getFirst();
        assertThat(webhook.enabled()).isTrue();
        assertThat(webhook.settings()).isEqualTo(Map.of("url", "http://127.0.0.1:9999/hook", "secret", "s3cret"));
        assertThat(result.warnings()).isEmpty();
    }
}
