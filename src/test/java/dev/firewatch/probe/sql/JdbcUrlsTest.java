package dev.firewatch.probe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a JDBC URL carries a secret, and the text a driver might put it in. */
class JdbcUrlsTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void hidesTheSecret(String sentence, String url, String text, String scrubbed) {
        assertThat(JdbcUrls.scrub(text, url)).isEqualTo(scrubbed);
    }

    static Stream<Arguments> secrets() {
        return Stream.of(
                arguments(
                        "a password parameter echoed in a message",
                        "jdbc:postgresql://db:5432/app?user=monitor&password=s3cret",
                        "bad URL jdbc:postgresql://db:5432/app?user=monitor&password=s3cret",
                        "bad URL jdbc:postgresql://db:5432/app?user=monitor&password=***"),
                arguments(
                        "the password alone in a message",
                        "jdbc:postgresql://db/app?password=s3cret&user=monitor",
                        "authentication with s3cret failed",
                        "authentication with *** failed"),
                arguments(
                        "a password in the user part",
                        "jdbc:postgresql://monitor:s3cret@db/app",
                        "cannot reach //monitor:s3cret@db/app",
                        "cannot reach //monitor:***@db/app"),
                arguments(
                        "a URL-encoded password, shown decoded",
                        "jdbc:postgresql://db/app?password=p%40ss%26word",
                        "password p@ss&word rejected",
                        "password *** rejected"),
                arguments(
                        "a password in semicolon properties",
                        "jdbc:sqlserver://db;user=monitor;password=s3cret;database=app",
                        "login failed: jdbc:sqlserver://db;user=monitor;password=s3cret;database=app",
                        "login failed: jdbc:sqlserver://db;user=monitor;password=***;database=app"),
                arguments(
                        "a password= in a message for another URL is hidden too",
                        "jdbc:sqlite:/var/app.db",
                        "see password=other",
                        "see password=***"),
                arguments(
                        "a message without a secret is left alone",
                        "jdbc:postgresql://db/app?user=monitor&password=s3cret",
                        "Connection to db:5432 refused",
                        "Connection to db:5432 refused"));
    }
}
