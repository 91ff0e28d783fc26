package dev.firewatch.intake;

import dev.firewatch.alert.Signal;
import dev.firewatch.auth.Access;
import dev.firewatch.service.ServiceSpec;
import dev.firewatch.service.Services;
import dev.firewatch.web.HttpProblem;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoints that take alerts from outside. Each is public but keyed: the integration key names the
 * service. Every answer in the 2xx range is sent only after the signals are committed to the journal.
 */
public final class IntakeRoutes implements RouteSet {
    /** The header that carries the integration key for the native endpoint. */
    public static final String KEY_HEADER = "X-Integration-Key";

    private final Services services;
    private final Webhooks webhooks;
    private final Submissions submissions;
    private final Changes changes;
    private final ChangeEventDecoder changeEvents = new ChangeEventDecoder();
    private final Clock clock;
    private final EventsV2Decoder eventsV2 = new EventsV2Decoder();
    private final AlertmanagerDecoder alertmanager = new AlertmanagerDecoder();
    private final NativeEventDecoder nativeEvents = new NativeEventDecoder();
    private final WebhookDecoder webhookDecoder = new WebhookDecoder();

    public IntakeRoutes(Services services, Webhooks webhooks, Submissions submissions, Changes changes, Clock clock) {
        this.services = services;
        this.webhooks = webhooks;
        this.submissions = submissions;
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/v2/enqueue", this::enqueue, Access.PUBLIC);
        routes.post("/v2/change/enqueue", this::changeEnqueue, Access.PUBLIC);
        routes.post("/api/v1/integrations/alertmanager/{key}", this::alertmanager, Access.PUBLIC);
        routes.post("/api/v1/events", this::nativeEvents, Access.PUBLIC);
        routes.post("/api/v1/integrations/webhook/{key}", this::webhook, Access.PUBLIC);
    }

    /** PagerDuty Events API v2: same bodies, same answers, so anything that pages PagerDuty can page us. */
    private void enqueue(Context ctx) {
        send(ctx, enqueue(ctx.bodyAsBytes()));
    }

    /**
     * An answer to a request, before it is written: the intake endpoints are served by Javalin and, for the
     * three that take alerts, also straight from Jetty ({@code app/DirectIntake}), which write it alike.
     */
    public record Answer(int status, Object body) {}

    private static void send(Context ctx, Answer answer) {
        ctx.status(answer.status()).json(answer.body());
    }

    /** {@code POST /v2/enqueue}. */
    public Answer enqueue(byte[] body) {
        Decoded decoded = eventsV2.decode(body, clock.instant());
        return switch (decoded) {
            case Decoded.Rejected rejected -> new Answer(400, EventsV2Responses.invalid(rejected.errors()));
            case Decoded.Accepted accepted -> {
                Signal first = accepted.signals().getFirst();
                ServiceSpec service =
                        services.byIntegrationKey(first.integrationKey()).orElse(null);
                if (service == null) {
                    yield new Answer(404, unknownRoutingKey());
                }
                Journal.Entry committed = commit(service, accepted.signals()).getFirst();
                yield new Answer(
                        202,
                        committed.folded()
                                ? EventsV2Responses.folded(first.dedupKey(), service.name())
                                : EventsV2Responses.accepted(first.dedupKey()));
            }
        };
    }

    /** Events API v2 change events: deploys and the like, kept as recent changes on the service. */
    private void changeEnqueue(Context ctx) {
        DecodedChange decoded = changeEvents.decode(ctx.bodyAsBytes(), clock.instant());
        switch (decoded) {
            case DecodedChange.Rejected rejected -> ctx.status(400).json(EventsV2Responses.invalid(rejected.errors()));
            case DecodedChange.Accepted accepted -> {
                ServiceSpec service = services.byIntegrationKey(
                                accepted.change().integrationKey())
                        .orElse(null);
                if (service == null) {
                    ctx.status(404).json(unknownRoutingKey());
                    return;
                }
                try {
                    changes.record(service.name(), accepted.change(), clock.instant());
                } catch (RuntimeException e) {
                    throw new HttpProblem(503, "the change could not be stored (" + e.getMessage() + "); retry", null);
                }
                ctx.status(202).json(EventsV2Responses.changeAccepted());
            }
        }
    }

    private static EventsV2Responses.InvalidEvent unknownRoutingKey() {
        return new EventsV2Responses.InvalidEvent(
                "invalid event",
                "Event object is invalid",
                List.of("'routing_key' does not belong to any service; check services[].integration_key"
                        + " in the Firewatch config"));
    }

    private void alertmanager(Context ctx) {
        send(ctx, alertmanager(ctx.pathParam("key"), ctx.bodyAsBytes()));
    }

    /** {@code POST /api/v1/integrations/alertmanager/{key}}; an unknown key is an {@link HttpProblem}. */
    public Answer alertmanager(String key, byte[] body) {
        ServiceSpec service = service(key);
        return accept(service, alertmanager.decode(body, service.integrationKey(), clock.instant()));
    }

    private void nativeEvents(Context ctx) {
        send(ctx, nativeEvents(ctx.header(KEY_HEADER), ctx.bodyAsBytes()));
    }

    /** {@code POST /api/v1/events}, {@code key} from its header; a missing or unknown key is an {@link HttpProblem}. */
    public Answer nativeEvents(String key, byte[] body) {
        if (key == null || key.isBlank()) {
            throw new HttpProblem(
                    401, "send the service's integration key in the " + KEY_HEADER + " header", KEY_HEADER);
        }
        ServiceSpec service = service(key);
        return accept(service, nativeEvents.decode(body, service.integrationKey(), clock.instant()));
    }

    private Answer accept(ServiceSpec service, Decoded decoded) {
        return switch (decoded) {
            case Decoded.Rejected rejected -> new Answer(400, IntakeErrors.of(rejected.errors()));
            case Decoded.Accepted accepted -> {
                List<Journal.Entry> committed = commit(service, accepted.signals());
                long folded = committed.stream().filter(Journal.Entry::folded).count();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", "accepted");
                body.put("service", service.name());
                body.put("accepted", committed.size());
                body.put("admitted", committed.size() - folded);
                body.put("folded", folded);
                if (folded > 0) {
                    body.put("message", Admission.foldedMessage(folded, committed.size(), service.name()));
                }
                body.put(
                        "dedup_keys",
                        accepted.signals().stream()
                                .map(s -> s.dedupKey() == null ? "" : s.dedupKey())
                                .toList());
                yield new Answer(202, body);
            }
        };
    }

    /**
     * A sender that speaks nothing standard, read by the rules of the webhook its key names. The signature is
     * checked on the bytes as they came, before anything parses them.
     */
    private void webhook(Context ctx) {
        String key = ctx.pathParam("key");
        WebhookSpec webhook = webhooks.byKey(key).orElseThrow(() -> unknownWebhookKey(key));
        // The webhook and its service come from one config; a reload between the two lookups may part them.
        ServiceSpec service = services.byName(webhook.service()).orElseThrow(() -> unknownWebhookKey(key));
        byte[] body = ctx.bodyAsBytes();
        webhook.signature().ifPresent(signature -> signature
                .refusal(ctx.header(signature.header()), body)
                .ifPresent(reason -> {
                    throw new HttpProblem(401, reason, signature.header());
                }));
        WebhookOutcome outcome = webhookDecoder.decode(webhook, body, service.integrationKey(), clock.instant());
        boolean folded = outcome instanceof WebhookOutcome.Mapped mapped
                && commit(service, List.of(mapped.signal())).getFirst().folded();
        WebhookResponses.Body answer = WebhookResponses.answer(outcome, service.name(), folded);
        ctx.status(answer.httpStatus()).json(answer);
    }

    private HttpProblem unknownWebhookKey(String key) {
        String hint = services.byIntegrationKey(key)
                .map(s -> "; that is the integration key of service " + s.name()
                        + ", which the other intake endpoints take. This endpoint needs the key of one of its"
                        + " webhooks (services[].webhooks[].key), whose rules say how to read the body")
                .orElse("; check services[].webhooks[].key in the config");
        return HttpProblem.notFound("no webhook has the key \"" + abbreviate(key) + "\"" + hint);
    }

    /** Admission, then the journal: every signal is stored, and each says whether it was folded. */
    private List<Journal.Entry> commit(ServiceSpec service, List<Signal> signals) {
        try {
            return submissions.submit(service.name(), signals);
        } catch (Journal.JournalUnavailable e) {
            throw new HttpProblem(503, "the alert could not be stored (" + e.getMessage() + "); retry", null);
        }
    }

    private ServiceSpec service(String key) {
        return services.byIntegrationKey(key)
                .orElseThrow(() -> HttpProblem.notFound("no service has the integration key \"" + abbreviate(key)
                        + "\"; check services[].integration_key in the config"));
    }

    private static String abbreviate(String key) {
        return key.length() <= 12 ? key : key.substring(0, 12) + "…";
    }
}
