package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A channel can ship in a config but stay off until the variable that completes it is set. */
class ChannelOffTest {
    private static final String NTFY = """
            channels:
              - name: phone
                type: ntfy
                url: https://ntfy.sh
                topic: ${NTFY_TOPIC:-}
                token: ${NTFY_TOKEN:-}
            """;

    @Test
    void isOffWithAWarningNamingTheUnsetVariable() {
        var result = Configs.parse(NTFY);

        assertThat(Configs.loaded(result).channels().getFirst().enabled()).isFalse();
        assertThat(Configs.lines(result))
                .containsExactly(
                        "firewatch.yaml:5:12: channel phone is off: topic is empty because NTFY_TOPIC is unset");
    }

    @Test
    void saysTheVariableIsEmptyWhenItIsSetToNothing() {
        var result = Configs.parse(NTFY, Map.of("NTFY_TOPIC", ""));

        assertThat(result.warnings())
                .extracting(ConfigProblem::message)
                .containsExactly("channel phone is off: topic is empty because NTFY_TOPIC is empty");
    }

    @Test
    void isOnWhenTheVariableIsSetAndAnEmptyOptionalSettingIsNoReasonToSwitchItOff() {
        var result = Configs.parse(NTFY, Map.of("NTFY_TOPIC", "firewatch-pages"));

        var channel = Configs.loaded(result).channels().getFirst();
        assertThat(channel.enabled()).isTrue();
        assertThat(channel.settings())
                .isEqualTo(Map.of("url", "https://ntfy.sh", "topic", "firewatch-pages", "token", ""));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void isStillAValidTargetForAServiceWhileOff() {
        var result = Configs.parse(NTFY + """
                services:
                  - {name: api, integration_key: k1, channels: [phone]}
                """);

        assertThat(Configs.loaded(result).services().getFirst().channels()).containsExactly("phone");
    }

    @Test
    void namesTheVariableWhenARoleOrTypeFromTheEnvironmentIsWrong() {
        var result = Configs.parse("""
                users:
                  - {name: bob, role: "${ROLE}"}
                channels:
                  - {name: ops, type: "${TYPE}"}
                """, Map.of("ROLE", "boss", "TYPE", "pager"));

        assertThat(Configs.errors(result))
                .extracting(ConfigProblem::message)
                .containsExactly(
                        "users[0].role: expected viewer, responder or admin, found the value from ${ROLE}",
                        "channels[0].type: expected one of email, ntfy, slack, teams, telegram, webhook, found the value from ${TYPE}");
    }
}
