package dev.firewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.FirewatchProcess;
import dev.firewatch.testing.TestHttp;
import dev.firewatch.testing.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worst moment to die: the page has reached the receiver, and its outcome is not yet recorded. After a
 * SIGKILL there and a restart, the receiver gets the same notification again (at most twice, with the same
 * idempotency key, so it can tell), the page is recorded as delivered once, and nothing is lost.
 */
class OutboxCrashTest {
    @TempDir
    Path dir;

    Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void killedBetweenSendAndRecordThePageIsSentAtMostTwiceAndRecordedOnce() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.hang("/phone", 1); // the first send reaches it and gets no answer: the process dies waiting
            int port = FirewatchProcess.freePort();
            Path config = dir.resolve("firewatch.yaml");
            Path data = dir.resolve("data");
            Path log = dir.resolve("serve.log");
            Files.writeString(
                    config,
                    OutboxDeliveryTest.config(
                            "      - {name: phone, type: webhook, url: " + receiver.url("/phone") + "}",
                            "{high: [phone]}",
                            "  timeout: 1s"));
            TestHttp http = new TestHttp("http://127.0.0.1:" + port);

            process = FirewatchProcess.serve(config, data, port, log);
            Eventually.within(Duration.ofSeconds(30), () -> FirewatchProcess.ready(http), ready -> ready);
            assertThat(http.postJson("/v2/enqueue", OutboxDeliveryTest.TRIGGER).statusCode())
                    .isEqualTo(202);
            WebhookReceiver.Received first = receiver.await(r -> r.size() == 1).getFirst();
            process.destroyForcibly();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();

            process = FirewatchProcess.serve(config, data, port, log);
            Eventually.within(Duration.ofSeconds(30), () -> FirewatchProcess.ready(http), ready -> ready);
            // The claim's lease (twice the timeout and 5 s) runs out, and the page goes again.
            List<WebhookReceiver.Received> all = receiver.await(r -> r.size() == 2);
            assertThat(all).extracting(WebhookReceiver.Received::path).containsOnly("/phone");
            assertThat(all.get(1).header("Idempotency-Key")).isEqualTo(first.header("Idempotency-Key"));
            assertThat(all.get(1).json().path("notification").path("id").asText())
                    .isEqualTo(first.json().path("notification").path("id").asText());

            TestHttp viewer = http.withKey(FirewatchProcess.run(
                            "api-key",
                            "create",
                            "--name",
                            "crash-check",
                            "--role",
                            "viewer",
                            "--config",
                            config.toString(),
                            "--data",
                            data.toString())
                    .strip());
            String incident = first.json().path("incident").path("id").asText();
            JsonNode notifications = Eventually.within(
                    Duration.ofSeconds(15),
                    () -> viewer.getJson("/api/v1/notifications?incident=" + incident)
                            .path("notifications"),
                    list -> list.size() == 1
                            && list.get(0).path("state").asText().equals("sent"));
            assertThat(notifications.get(0).path("attempts").asInt()).isEqualTo(2);
            String timeline = viewer.getJson("/api/v1/incidents/" + incident)
                    .path("timeline")
                    .toString();
            Matcher delivered =
                    Pattern.compile("Page to alice by phone: delivered").matcher(timeline);
            int lines = 0;
            while (delivered.find()) {
                lines++;
            }
            assertThat(lines).as("the page is recorded as delivered once").isEqualTo(1);

            // Nothing more comes: the confirmed send is final.
            Thread.sleep(1500);
            assertThat(receiver.received()).hasSize(2);
        }
    }
}
