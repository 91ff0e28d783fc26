package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A channel's own title and text: checked when the file loads, so a typo never reaches a page. */
class ChannelTemplateConfigTest {
    @Test
    void aChannelMayWriteItsOwnTitleAndText() {
        var config = Configs.loaded(Configs.parse("""
                channels:
                  - name: phone
                    type: ntfy
                    url: https://ntfy.sh
                    topic: pages
                    title: "{incident.severity} {incident.service}"
                    text: '{incident.title}: ack at {links.acknowledge}; {"json": true} stays text'
                """));

        assertThat(config.channels().getFirst().settings())
                .containsEntry("title", "{incident.severity} {incident.service}")
                .containsEntry("text", "{incident.title}: ack at {links.acknowledge}; {\"json\": true} stays text");
    }

    @Test
    void anUnknownPlaceholderIsAnErrorPointingAtItsColumnWithASuggestion() {
        var result = Configs.parse("""
                channels:
                  - name: team
                    type: slack
                    url: https://hooks.slack.com/services/T/B/x
                    title: "Down: {incident.titel}"
                """);

        assertThat(Configs.lines(result))
                .containsExactly("firewatch.yaml:5:19: channels[0].title: unknown placeholder {incident.titel};"
                        + " did you mean {incident.title}?");
    }

    @Test
    void aPlaceholderFarFromAnyKnownOneListsThemAll() {
        var result = Configs.parse("""
                channels:
                  - {name: mail, type: email, to: ops@example.com, text: "{who}"}
                """);

        assertThat(Configs.errors(result))
                .extracting(ConfigProblem::message)
                .singleElement()
                .asString()
                .startsWith("channels[0].text: unknown placeholder {who}; known placeholders: {incident.title},"
                        + " {incident.number}");
    }

    @Test
    void aPersonsContactMethodIsCheckedTheSameWay() {
        var result = Configs.parse("""
                users:
                  - name: alice
                    contact_methods:
                      - name: phone
                        type: ntfy
                        url: https://ntfy.sh
                        topic: alice
                        text: "{links.acknowlege}"
                """);

        assertThat(Configs.lines(result))
                .containsExactly("firewatch.yaml:8:16: users[0].contact_methods[0].text: unknown placeholder"
                        + " {links.acknowlege}; did you mean {links.acknowledge}?");
    }

    @Test
    void aWebhookSendsAFixedShapeSoItTakesNoTemplates() {
        var result = Configs.parse("""
                channels:
                  - {name: hook, type: webhook, url: "https://example.com/hook", title: "{incident.title}"}
                """);

        assertThat(Configs.errors(result))
                .extracting(ConfigProblem::message)
                .singleElement()
                .asString()
                .startsWith("unknown key \"title\" in channels[0]");
    }

    @Test
    void aTemplateFromTheEnvironmentIsCheckedToo() {
        var result = Configs.parse("""
                channels:
                  - {name: team, type: slack, url: "https://hooks.slack.com/x", title: "${TITLE}"}
                """, Map.of("TITLE", "{incident.sevrity}"));

        assertThat(Configs.errors(result))
                .extracting(ConfigProblem::message)
                .containsExactly(
                        "channels[0].title: unknown placeholder {incident.sevrity}; did you mean {incident.severity}?");
    }
}
