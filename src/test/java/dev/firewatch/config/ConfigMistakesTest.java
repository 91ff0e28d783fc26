package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of mistake, alone in a file: exactly one error, at the right place, saying what to fix. */
class ConfigMistakesTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void reportsTheMistakeAtItsLineAndColumn(String sentence, String yaml, String expected) {
        var errors = Configs.errors(Configs.parse(yaml));

        assertThat(errors).extracting(ConfigProblem::toString).containsExactly("firewatch.yaml:" + expected);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments(
                        "an unknown key close to a known one gets a suggestion",
                        """
                        server:
                          prot: 8080
                        """,
                        "2:3: unknown key \"prot\" in server; did you mean \"port\"?"),
                arguments(
                        "an unknown key with nothing close lists the known keys",
                        """
                        server:
                          colour: red
                        """,
                        "2:3: unknown key \"colour\" in server; known keys: host, port, public_url, max_body"),
                arguments(
                        "an unknown section close to a known one gets a suggestion",
                        """
                        sever:
                          port: 8080
                        """,
                        "1:1: unknown section \"sever\"; did you mean \"server\"?"),
                arguments(
                        "an unknown section with nothing close lists the known sections",
                        """
                        monitors: []
                        """,
                        "1:1: unknown section \"monitors\"; known sections: server, store, auth, users, channels,"
                                + " services, severities, routes, inhibit_rules, maintenance, intake, schedules, escalation_policies, notify, outbound_heartbeat, log_rules"),
                arguments(
                        "a storm threshold of zero would fold everything all the time",
                        """
                        intake:
                          storm:
                            backlog_threshold: 0
                        """,
                        "3:24: intake.storm.backlog_threshold: expected a whole number from 1 to 100000000, found \"0\""),
                arguments(
                        "a misspelt storm setting gets a suggestion",
                        """
                        intake:
                          storm:
                            backlog_treshold: 100
                        """,
                        "3:5: unknown key \"backlog_treshold\" in intake.storm; did you mean \"backlog_threshold\"?"),
                arguments(
                        "an unknown channel setting gets a suggestion",
                        """
                        channels:
                          - name: ops
                            type: webhook
                            url: http://hooks.example.com
                            secert: x
                        """,
                        "5:5: unknown key \"secert\" in channels[0]; did you mean \"secret\"?"),
                arguments(
                        "a key written twice in one mapping",
                        """
                        server:
                          port: 8080
                          port: 9090
                        """,
                        "3:3: duplicate key \"port\" in server; the first is on line 2"),
                arguments(
                        "a port that is not a number",
                        """
                        server:
                          port: eighty
                        """,
                        "2:9: server.port: expected a whole number from 0 to 65535, found \"eighty\""),
                arguments(
                        "a port out of range",
                        """
                        server:
                          port: 70000
                        """,
                        "2:9: server.port: expected a whole number from 0 to 65535, found \"70000\""),
                arguments(
                        "a pool size of zero",
                        """
                        store:
                          pool_size: 0
                        """,
                        "2:14: store.pool_size: expected a whole number from 1 to 200, found \"0\""),
                arguments(
                        "a list where a single value belongs",
                        """
                        server:
                          host: [a, b]
                        """,
                        "2:9: server.host: expected a host name or IP address to listen on, like 127.0.0.1, found"
                                + " a list"),
                arguments(
                        "a single value where a section belongs",
                        """
                        server: 8080
                        """,
                        "1:9: server: expected a mapping like {host: 127.0.0.1, port: 8080}, found \"8080\""),
                arguments(
                        "a mapping where a list belongs", """
                        users:
                          name: admin
                        """, "2:3: users: expected a list of users, found a mapping"),
                arguments(
                        "a single value where a user belongs",
                        """
                        users:
                          - admin
                        """,
                        "2:5: users[0]: expected a user like {name: alice, role: responder}, found \"admin\""),
                arguments(
                        "a role with a typo gets a suggestion",
                        """
                        users:
                          - name: bob
                            role: admn
                        """,
                        "3:11: users[0].role: unknown role \"admn\"; did you mean \"admin\"?"),
                arguments(
                        "a role with nothing close lists the roles",
                        """
                        users:
                          - name: bob
                            role: boss
                        """,
                        "3:11: users[0].role: unknown role \"boss\"; expected viewer, responder or admin"),
                arguments(
                        "a user name with capitals",
                        """
                        users:
                          - name: Bob
                        """,
                        "2:11: users[0].name: expected a name of lowercase letters, digits, '.', '_' and '-',"
                                + " starting with a letter or digit, found \"Bob\""),
                arguments(
                        "an email without @",
                        """
                        users:
                          - name: bob
                            email: bob.example.com
                        """,
                        "3:12: users[0].email: expected an email address, found \"bob.example.com\""),
                arguments(
                        "a user without a name, located at the entry",
                        """
                        users:
                          - role: admin
                        """,
                        "2:5: users[0]: name is missing; add one, like name: alice"),
                arguments(
                        "two users with the same name, located at the second",
                        """
                        users:
                          - name: bob
                          - name: alice
                          - name: bob
                        """,
                        "4:11: duplicate user name \"bob\"; the first is on line 2"),
                arguments(
                        "a channel type with a typo gets a suggestion",
                        """
                        channels:
                          - name: team
                            type: slak
                            url: https://hooks.slack.com/services/T0/B0/x
                        """,
                        "3:11: channels[0].type: unknown channel type \"slak\"; did you mean \"slack\"?"),
                arguments(
                        "a channel type with nothing close lists the types",
                        """
                        channels:
                          - name: team
                            type: pager
                        """,
                        "3:11: channels[0].type: unknown channel type \"pager\"; expected one of email, ntfy,"
                                + " slack, webhook"),
                arguments(
                        "a channel without a type, located at the entry",
                        """
                        channels:
                          - name: team
                            url: https://hooks.example.com
                        """,
                        "2:5: channels[0]: type is missing; expected one of email, ntfy, slack, webhook"),
                arguments(
                        "a channel without a required setting, located at the entry",
                        """
                        channels:
                          - name: mail
                            type: email
                            from: firewatch@example.com
                        """,
                        "2:5: channels[0]: to is missing; a channel of type email needs it"),
                arguments(
                        "a required setting written empty",
                        """
                        channels:
                          - name: ops
                            type: webhook
                            url: ""
                        """,
                        "4:10: channels[0].url: a channel of type webhook needs url, found nothing"),
                arguments(
                        "two channels with the same name",
                        """
                        channels:
                          - {name: ops, type: webhook, url: "http://a.example.com"}
                          - {name: ops, type: webhook, url: "http://b.example.com"}
                        """,
                        "3:12: duplicate channel name \"ops\"; the first is on line 2"),
                arguments(
                        "a service without an integration key, located at the entry",
                        """
                        services:
                          - name: api
                        """,
                        "2:5: services[0]: integration_key is missing; every service needs its own key, which"
                                + " senders put in routing_key or the intake URL"),
                arguments(
                        "an empty integration key",
                        """
                        services:
                          - name: api
                            integration_key: ""
                        """,
                        "3:22: services[0].integration_key: expected a key that senders use to reach this"
                                + " service, like demo-key, found nothing"),
                arguments(
                        "two services with the same name",
                        """
                        services:
                          - {name: api, integration_key: k1}
                          - {name: api, integration_key: k2}
                        """,
                        "3:12: duplicate service name \"api\"; the first is on line 2"),
                arguments(
                        "two services with the same integration key, which is never shown",
                        """
                        services:
                          - {name: api, integration_key: k1}
                          - {name: web, integration_key: k1}
                        """,
                        "3:34: services[1].integration_key: the same key as services[0] on line 2; each service"
                                + " needs its own key"),
                arguments(
                        "a service channel that is not declared gets a suggestion",
                        """
                        channels:
                          - {name: slack, type: slack, url: "https://hooks.slack.com/services/T0/B0/x"}
                        services:
                          - name: api
                            integration_key: k1
                            channels: [slak]
                        """,
                        "6:16: services[0].channels[0]: unknown channel \"slak\"; did you mean \"slack\"?"),
                arguments(
                        "a service channel when none are declared",
                        """
                        services:
                          - name: api
                            integration_key: k1
                            channels: [ops]
                        """,
                        "4:16: services[0].channels[0]: unknown channel \"ops\"; no channels are declared (add"
                                + " them under channels:)"),
                arguments(
                        "a single channel name where a list belongs",
                        """
                        services:
                          - name: api
                            integration_key: k1
                            channels: ops
                        """,
                        "4:15: services[0].channels: expected a list of channel names like [team-slack], found"
                                + " \"ops\""),
                arguments(
                        "a store URL that is not PostgreSQL, shown only up to its scheme",
                        """
                        store:
                          url: mysql://root:hunter2@db/firewatch
                        """,
                        "2:8: store.url: expected nothing (the embedded SQLite database in the data directory)"
                                + " or a jdbc:postgresql://host:port/database URL, found a URL starting with"
                                + " \"mysql:\""),
                arguments(
                        "a public URL that is not http or https",
                        """
                        server:
                          public_url: ftp://firewatch.example.com
                        """,
                        "2:15: server.public_url: expected an http:// or https:// URL like"
                                + " https://firewatch.example.com, found \"ftp://firewatch.example.com\""),
                arguments(
                        "a size in words",
                        """
                        server:
                          max_body: 1 megabyte
                        """,
                        "2:13: server.max_body: expected a size of at least 1KiB, like 512KiB, 1MiB, 10MB or a"
                                + " number of bytes, found \"1 megabyte\""),
                arguments(
                        "a size below one KiB",
                        """
                        server:
                          max_body: 512
                        """,
                        "2:13: server.max_body: expected a size of at least 1KiB, like 512KiB, 1MiB, 10MB or a"
                                + " number of bytes, found \"512\""),
                arguments(
                        "a duration in words",
                        """
                        auth:
                          session_ttl: 12 hours
                        """,
                        "2:16: auth.session_ttl: expected a duration like 500ms, 30s, 5m, 12h or 7d, found"
                                + " \"12 hours\""),
                arguments(
                        "a duration without a unit",
                        """
                        auth:
                          session_ttl: 3600
                        """,
                        "2:16: auth.session_ttl: expected a duration like 500ms, 30s, 5m, 12h or 7d, found"
                                + " \"3600\""));
    }
}
