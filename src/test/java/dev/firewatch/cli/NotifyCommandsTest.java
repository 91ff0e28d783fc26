package dev.firewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.RecordingReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code notify test}: a channel or a person's contact method tried from the shell, with the receiver's answer. */
class NotifyCommandsTest {
    @TempDir
    Path dir;

    RecordingReceiver receiver;
    String config;

    @BeforeEach
    void start() throws IOException {
        receiver = RecordingReceiver.start();
        Path file = dir.resolve("firewatch.yaml");
        Files.writeString(file, """
                users:
                  - name: alice
                    role: responder
                    contact_methods:
                      - {name: phone, type: ntfy, url: "%s", topic: alice-pages}
                channels:
                  - {name: team, type: slack, url: "%s"}
                  - {name: hook, type: webhook, url: "%s", secret: s3cret}
                """.formatted(
                        receiver.url(""), receiver.url("/services/T1/B1/secret"), receiver.url("/firewatch-hook")));
        config = file.toString();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aChannelGetsATestAndTheCommandSaysWhatTheReceiverAnswered() {
        Cli run = Cli.run("notify", "test", "team", "--config", config);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("sent to team (slack): HTTP 200\n");
        var message = receiver.take();
        assertThat(message.path()).isEqualTo("/services/T1/B1/secret");
        assertThat(message.json()
                        .path("blocks")
                        .path(0)
                        .path("text")
                        .path("text")
                        .asText())
                .isEqualTo(":test_tube: Test notification from Firewatch");
    }

    @Test
    void aPersonsContactMethodIsNamedUserSlashMethod() {
        Cli run = Cli.run("notify", "test", "alice/phone", "--config", config);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("sent to alice/phone (ntfy): HTTP 200\n");
        var message = receiver.take();
        assertThat(message.path()).isEqualTo("/alice-pages");
        assertThat(message.header("Title")).isEqualTo("Test notification from Firewatch");
        assertThat(message.body()).startsWith("This is a test from Firewatch for alice/phone.");
    }

    @Test
    void aWebhookGetsTheTestEventSigned() {
        Cli run = Cli.run("notify", "test", "hook", "--config", config);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("sent to hook (webhook): HTTP 200\n");
        var message = receiver.take();
        assertThat(message.json().path("event").asText()).isEqualTo("test");
        assertThat(message.header("X-Firewatch-Signature")).startsWith("sha256=");
    }

    @Test
    void aReceiverThatFailsMakesTheCommandFail() {
        receiver.answering(500, "rollup_error");

        Cli run = Cli.run("notify", "test", "team", "--config", config);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("failed: Slack answered HTTP 500: rollup_error\n");
    }

    @Test
    void anUnknownNameSaysWhatTheConfigHas() {
        Cli channel = Cli.run("notify", "test", "taem", "--config", config);
        Cli method = Cli.run("notify", "test", "alice/pager", "--config", config);

        assertThat(channel.exitCode()).isEqualTo(2);
        assertThat(channel.err())
                .isEqualTo("no channel named \"taem\"; the config has team, hook, or USER/METHOD for a person's contact"
                        + " method\n");
        assertThat(method.exitCode()).isEqualTo(2);
        assertThat(method.err()).isEqualTo("alice has no contact method \"pager\"; the config has phone\n");
        assertThat(receiver.rest()).isEmpty();
    }
}
