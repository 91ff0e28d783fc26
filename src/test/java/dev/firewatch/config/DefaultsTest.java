package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.firewatch.auth.AuthSpec;
import dev.firewatch.auth.Role;
import dev.firewatch.auth.UserSpec;
import dev.firewatch.intake.IntakeSpec;
import dev.firewatch.intake.StormSpec;
import dev.firewatch.service.ServiceSpec;
import dev.firewatch.store.StoreSpec;
import dev.firewatch.web.ServerSpec;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the file leaves out comes from the spec records' DEFAULTS. */
class DefaultsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("emptyButValid")
    void anEmptyButValidFileGivesTheDefaults(String sentence, String yaml) {
        var config = Configs.loaded(Configs.parse(yaml));

        assertThat(config.source()).isEqualTo(Configs.FILE);
        assertThat(config.server()).isEqualTo(ServerSpec.DEFAULTS);
        assertThat(config.store()).isEqualTo(StoreSpec.DEFAULTS);
        assertThat(config.auth()).isEqualTo(AuthSpec.DEFAULTS);
        assertThat(config.intake()).isEqualTo(IntakeSpec.DEFAULTS);
        assertThat(config.users()).isEmpty();
        assertThat(config.channels()).isEmpty();
        assertThat(config.services()).isEmpty();
    }

    static Stream<Arguments> emptyButValid() {
        return Stream.of(
                arguments("an empty server mapping", "server: {}\n"),
                arguments(
                        "every section with nothing after it",
                        "server:\nstore:\nauth:\nusers:\nchannels:\nservices:\n"),
                arguments(
                        "every section empty",
                        "server: {}\nstore: {}\nauth: {}\nusers: []\nchannels: []\nservices: []\n"));
    }

    @Test
    void aStormThresholdInTheFileReplacesTheDefault() {
        var config = Configs.loaded(Configs.parse("intake:\n  storm:\n    backlog_threshold: 500\n"));

        assertThat(config.intake()).isEqualTo(new IntakeSpec(new StormSpec(500)));
    }

    @Test
    void derivesThePublicUrlFromHostAndPort() {
        var config = Configs.loaded(Configs.parse("server: {host: 10.0.0.5, port: 9090}\n"));

        assertThat(config.server())
                .isEqualTo(new ServerSpec("10.0.0.5", 9090, "http://10.0.0.5:9090", ServerSpec.ONE_MIB));
    }

    @Test
    void putsAnIpv6HostInBracketsInTheDerivedPublicUrl() {
        var config = Configs.loaded(Configs.parse("server: {host: \"::1\"}\n"));

        assertThat(config.server().publicUrl()).isEqualTo("http://[::1]:8080");
    }

    @Test
    void warnsThatAWildcardHostMakesLinksNobodyCanOpen() {
        var result = Configs.parse("server:\n  host: 0.0.0.0\n");

        assertThat(Configs.loaded(result).server().publicUrl()).isEqualTo("http://0.0.0.0:8080");
        assertThat(Configs.lines(result))
                .containsExactly("firewatch.yaml:2:9: server.public_url is not set, so links in notifications will"
                        + " point at \"0.0.0.0\", which nobody else can open; set server.public_url");
    }

    @Test
    void readsEveryValueThatIsWritten() {
        var yaml = """
                server:
                  host: 0.0.0.0
                  port: 443
                  public_url: https://firewatch.example.com/
                  max_body: 10MB
                store:
                  url: jdbc:postgresql://db:5432/firewatch?user=firewatch
                  pool_size: 20
                auth:
                  session_ttl: 1h30m
                  login_attempts_per_minute: 5
                  api_requests_per_minute: 1200
                users:
                  - {name: alice, email: alice@example.com, role: responder}
                  - {name: bob}
                channels:
                  - {name: team-mail, type: email, to: oncall@example.com, from: firewatch@example.com}
                services:
                  - name: api
                    integration_key: k1
                    channels: [team-mail]
                """;

        var config = Configs.loaded(Configs.parse(yaml));

        assertThat(config.server())
                .as("a trailing slash is dropped so links do not double it")
                .isEqualTo(new ServerSpec("0.0.0.0", 443, "https://firewatch.example.com", 10_000_000));
        assertThat(config.server().https()).isTrue();
        assertThat(config.store()).isEqualTo(new StoreSpec("jdbc:postgresql://db:5432/firewatch?user=firewatch", 20));
        assertThat(config.auth()).isEqualTo(new AuthSpec(Duration.ofMinutes(90), 5, 1200));
        assertThat(config.users())
                .as("a user without email has an empty one; without a role, the least role")
                .containsExactly(
                        new UserSpec("alice", "alice@example.com", Role.RESPONDER),
                        new UserSpec("bob", "", Role.VIEWER));
        assertThat(config.channels().getFirst().settings())
                .containsExactly(
                        java.util.Map.entry("to", "oncall@example.com"),
                        java.util.Map.entry("from", "firewatch@example.com"));
        assertThat(config.channels().getFirst().enabled()).isTrue();
        assertThat(config.services())
                .containsExactly(new ServiceSpec("api", "", "k1", List.of("team-mail"), List.of(), List.of()));
    }
}
