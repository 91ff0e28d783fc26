package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.firewatch.alert.Severity;
import dev.firewatch.intake.FieldTemplate;
import dev.firewatch.intake.WebhookAction;
import dev.firewatch.intake.WebhookSignature;
import dev.firewatch.intake.WebhookSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code services[].webhooks}: what a full entry loads as, and each mistake alone as one located error. */
class WebhookConfigTest {
    private static final String SERVICE = """
            services:
              - name: shop
                integration_key: shop-key
                webhooks:
            """;

    @Test
    void loadsEveryRuleOfAWebhook() {
        var config = Configs.loaded(Configs.parse(SERVICE + """
                      - name: sentry
                        key: ${SENTRY_WEBHOOK_KEY:-sentry-key}
                        summary: $.data.issue.title
                        severity: $.level
                        severity_map: {fatal: critical}
                        default_severity: warning
                        dedup_key: "sentry-{$.data.issue.id}"
                        action: $.action
                        action_map: {created: trigger, resolved: resolve, assigned: ignore}
                        labels: {project: $.project_slug}
                        annotations: {url: $.data.issue.web_url}
                        signature: {header: Sentry-Hook-Signature, secret: "${SENTRY_SECRET}"}
                """, Map.of("SENTRY_SECRET", "s3cret")));

        WebhookSpec webhook = config.webhooks().getFirst();
        assertThat(config.webhooks()).hasSize(1);
        assertThat(webhook.service()).isEqualTo("shop");
        assertThat(webhook.name()).isEqualTo("sentry");
        assertThat(webhook.key()).isEqualTo("sentry-key");
        var mapping = webhook.mapping();
        assertThat(mapping.summary().text()).isEqualTo("$.data.issue.title");
        assertThat(mapping.severity().map(FieldTemplate::text)).contains("$.level");
        assertThat(mapping.severityMap()).isEqualTo(Map.of("fatal", Severity.CRITICAL));
        assertThat(mapping.defaultSeverity()).isEqualTo(Severity.WARNING);
        assertThat(mapping.dedupKey().map(FieldTemplate::text)).contains("sentry-{$.data.issue.id}");
        assertThat(mapping.actionMap())
                .isEqualTo(Map.of(
                        "created", WebhookAction.TRIGGER,
                        "resolved", WebhookAction.RESOLVE,
                        "assigned", WebhookAction.IGNORE));
        assertThat(mapping.labels()).containsOnlyKeys("project");
        assertThat(mapping.annotations()).containsOnlyKeys("url");
        assertThat(webhook.signature())
                .contains(new WebhookSignature(
                        "Sentry-Hook-Signature",
                        "s3cret",
                        WebhookSignature.Algorithm.SHA256,
                        WebhookSignature.Encoding.HEX,
                        ""));
    }

    @Test
    void aServicesOnlyWebhookNeedsNoNameAndEveryRuleButTheSummaryHasADefault() {
        var config = Configs.loaded(Configs.parse(SERVICE + """
                      - key: ci-key
                        summary: Nightly build failed
                """));

        WebhookSpec webhook = config.webhooks().getFirst();
        assertThat(webhook.name()).isEqualTo("webhook");
        assertThat(webhook.mapping().defaultSeverity()).isEqualTo(Severity.ERROR);
        assertThat(webhook.mapping().severity()).isEmpty();
        assertThat(webhook.mapping().action()).isEmpty();
        assertThat(webhook.mapping().dedupKey()).isEmpty();
        assertThat(webhook.signature()).isEqualTo(Optional.empty());
        assertThat(config.services().getFirst().name()).isEqualTo("shop");
    }

    @Test
    void theExamplesInTheDocsAndTheShippedConfigLoad() throws IOException {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        String section = docs.substring(docs.indexOf("### `webhooks`"));
        String documented = section.substring(section.indexOf("```yaml\n") + 8, section.indexOf("```\n", 8));
        var environment = Map.of(
                "SHOP_KEY", "shop-key",
                "SENTRY_WEBHOOK_KEY", "sentry-key",
                "SENTRY_CLIENT_SECRET", "s1",
                "GITHUB_WEBHOOK_KEY", "github-key",
                "GITHUB_WEBHOOK_SECRET", "s2");
        assertThat(Configs.loaded(Configs.parse(documented, environment)).webhooks())
                .extracting(WebhookSpec::name)
                .containsExactly("sentry", "github");

        String uncommented =
                Files.readString(Path.of("firewatch.yaml")).replaceAll("(?m)^    # (webhooks:|  )", "    $1");
        assertThat(Configs.loaded(Configs.parse(uncommented, Map.of("GITHUB_WEBHOOK_SECRET", "s2")))
                        .webhooks())
                .extracting(WebhookSpec::key)
                .containsExactly("demo-github-key");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void reportsTheMistakeAtItsLineAndColumn(String sentence, String webhooks, String expected) {
        var errors = Configs.errors(Configs.parse(SERVICE + webhooks, Map.of("EMPTY", "")));

        assertThat(errors).extracting(ConfigProblem::toString).containsExactly("firewatch.yaml:" + expected);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments(
                        "a selector with a bad step points at the step",
                        """
                              - key: k
                                summary: $.data..title
                        """,
                        "6:24: services[0].webhooks[0].summary: invalid selector in \"$.data..title\": recursive"
                                + " descent (..) is not supported; write the whole path, like $.data.title"),
                arguments(
                        "a placeholder not closed where its selector ends points there",
                        """
                              - key: k
                                summary: "CI {$.pipeline.name failed"
                        """,
                        "6:38: services[0].webhooks[0].summary: invalid selector in \"CI {$.pipeline.name failed\":"
                                + " expected '}' after the selector $.pipeline.name, found ' '; a step is .name,"
                                + " ['name'] or [0]"),
                arguments(
                        "a label selector without its $",
                        """
                              - key: k
                                summary: s
                                labels: {env: $data.env}
                        """,
                        "7:24: services[0].webhooks[0].labels.env: invalid selector in \"$data.env\": unexpected 'd'"
                                + " after the selector $; a step is .name, ['name'] or [0]"),
                arguments(
                        "an unknown key gets a suggestion",
                        """
                              - key: k
                                summary: s
                                dedupe_key: $.id
                        """,
                        "7:9: unknown key \"dedupe_key\" in services[0].webhooks[0]; did you mean \"dedup_key\"?"),
                arguments(
                        "an unknown algorithm gets a suggestion",
                        """
                              - key: k
                                summary: s
                                signature: {header: X-Signature, secret: abc, algorithm: sha265}
                        """,
                        "7:66: services[0].webhooks[0].signature.algorithm: unknown value \"sha265\"; did you mean"
                                + " \"sha256\"?"),
                arguments(
                        "an algorithm nothing is close to lists them all",
                        """
                              - key: k
                                summary: s
                                signature: {header: X-Signature, secret: abc, algorithm: md5}
                        """,
                        "7:66: services[0].webhooks[0].signature.algorithm: unknown value \"md5\"; expected one of"
                                + " sha1, sha256, sha512"),
                arguments(
                        "an unknown key in the signature",
                        """
                              - key: k
                                summary: s
                                signature: {header: X-Signature, secret: abc, encodng: base64}
                        """,
                        "7:55: unknown key \"encodng\" in services[0].webhooks[0].signature; did you mean"
                                + " \"encoding\"?"),
                arguments(
                        "a secret left empty by the environment, named by its variable",
                        """
                              - key: k
                                summary: s
                                signature: {header: X-Signature, secret: "${EMPTY}"}
                        """,
                        "7:50: services[0].webhooks[0].signature.secret: the secret is empty because EMPTY is empty;"
                                + " set it, or remove signature to accept unsigned requests"),
                arguments(
                        "a signature without its header",
                        """
                              - key: k
                                summary: s
                                signature: {secret: abc}
                        """,
                        "7:20: services[0].webhooks[0].signature: header is missing; expected a header name like"
                                + " X-Hub-Signature-256"),
                arguments(
                        "a webhook key that is another service's integration key, with the line of the first",
                        """
                              - key: shop-key
                                summary: s
                        """,
                        "5:14: services[0].webhooks[0].key: the same key as services[0] on line 3; each service and"
                                + " each webhook needs its own key"),
                arguments(
                        "two webhooks with one key",
                        """
                              - {name: a, key: k, summary: s}
                              - {name: b, key: k, summary: s}
                        """,
                        "6:24: services[0].webhooks[1].key: the same key as services[0].webhooks[0] on line 5; each"
                                + " service and each webhook needs its own key"),
                arguments(
                        "a key that cannot go in a URL path as it is",
                        """
                              - key: sentry/prod
                                summary: s
                        """,
                        "5:14: services[0].webhooks[0].key: expected letters, digits, '-', '_', '.' and '~' only (the"
                                + " key goes in a URL path), found \"sentry/prod\""),
                arguments(
                        "a webhook without a key",
                        """
                              - summary: s
                        """,
                        "5:9: services[0].webhooks[0]: key is missing; every webhook needs its own key, which goes in"
                                + " the URL /api/v1/integrations/webhook/{key}"),
                arguments(
                        "a webhook without a summary",
                        """
                              - key: k
                        """,
                        "5:9: services[0].webhooks[0]: summary is missing; add a selector like summary: $.data.title,"
                                + " or text like \"Build {$.build.id} failed\""),
                arguments(
                        "two webhooks, one without a name",
                        """
                              - {name: a, key: k1, summary: s}
                              - {key: k2, summary: s}
                        """,
                        "6:9: services[0].webhooks[1]: name is missing; a service with several webhooks needs a name"
                                + " for each, like name: sentry"),
                arguments(
                        "two webhooks of a service with one name",
                        """
                              - {name: ci, key: k1, summary: s}
                              - {name: ci, key: k2, summary: s}
                        """,
                        "6:16: duplicate webhook name \"ci\"; the first is on line 5"),
                arguments(
                        "a severity_map value that is not a severity",
                        """
                              - key: k
                                summary: s
                                severity: $.level
                                severity_map: {fatal: critcal}
                        """,
                        "8:31: services[0].webhooks[0].severity_map.fatal: unknown value \"critcal\"; did you mean"
                                + " \"critical\"?"),
                arguments(
                        "a severity_map without a severity to look up",
                        """
                              - key: k
                                summary: s
                                severity_map: {fatal: critical}
                        """,
                        "7:23: services[0].webhooks[0].severity_map: there is no severity to look up; add severity: a"
                                + " selector like $.severity"),
                arguments(
                        "an action_map value that is not an action",
                        """
                              - key: k
                                summary: s
                                action: $.action
                                action_map: {created: trigger, resolved: resovle}
                        """,
                        "8:50: services[0].webhooks[0].action_map.resolved: unknown value \"resovle\"; did you mean"
                                + " \"resolve\"?"),
                arguments(
                        "a default severity that is not one",
                        """
                              - key: k
                                summary: s
                                default_severity: high
                        """,
                        "7:27: services[0].webhooks[0].default_severity: unknown value \"high\"; expected one of"
                                + " critical, error, warning, info"),
                arguments(
                        "webhooks that are not a list",
                        """
                                summary: s
                        """,
                        "5:9: services[0].webhooks: expected a list of webhooks like [{name: sentry, key: ...,"
                                + " summary: $.title}], found a mapping"));
    }
}
