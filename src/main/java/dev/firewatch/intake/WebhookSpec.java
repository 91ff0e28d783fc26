package dev.firewatch.intake;

import java.util.Optional;

/**
 * One webhook of a service: a key for {@code POST /api/v1/integrations/webhook/{key}} and the rules that read what
 * arrives there.
 *
 * @param service the service whose alerts the webhook makes
 * @param name unique within its service; the label {@code webhook} on every alert it makes
 * @param key unique among every integration key and webhook key in the config
 * @param signature empty: requests are not signed, and the key alone admits them
 */
public record WebhookSpec(
        String service, String name, String key, WebhookMapping mapping, Optional<WebhookSignature> signature) {}
