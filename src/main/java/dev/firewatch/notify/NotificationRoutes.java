package dev.firewatch.notify;

import dev.firewatch.auth.Access;
import dev.firewatch.auth.AuditLog;
import dev.firewatch.auth.Caller;
import dev.firewatch.auth.Role;
import dev.firewatch.web.Frame;
import dev.firewatch.web.HttpProblem;
import dev.firewatch.web.Listing;
import dev.firewatch.web.Pages;
import dev.firewatch.web.Requests;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Notifications through the API: an incident's (who was notified, how, when, delivered or not) and the dead
 * letters, which a responder can send again or dismiss once handled by hand.
 */
public final class NotificationRoutes implements RouteSet {
    private final Outbox outbox;
    private final OutboxWorker worker;
    private final Clock clock;
    private final Pages pages;
    private final AuditLog audit;
    private static final int PAGE = 100;

    public NotificationRoutes(Outbox outbox, OutboxWorker worker, Clock clock, Pages pages, AuditLog audit) {
        this.audit = audit;
        this.outbox = outbox;
        this.worker = worker;
        this.clock = clock;
        this.pages = pages;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/notifications", this::list, Access.VIEWER);
        routes.post("/api/v1/notifications/{id}/retry", this::retry, Access.RESPONDER);
        routes.post("/api/v1/notifications/{id}/dismiss", this::dismiss, Access.RESPONDER);

        routes.get("/notifications", this::deadLettersPage, Access.VIEWER);
        routes.post("/notifications/{id}/retry", ctx -> fromForm(ctx, retried(ctx)), Access.RESPONDER);
        routes.post("/notifications/{id}/dismiss", ctx -> fromForm(ctx, dismissed(ctx)), Access.RESPONDER);
    }

    /** The dead-letter page: notifications Firewatch gave up on, which a person must see. */
    public record DeadLettersPage(Frame frame, List<Outbox.Sent> dead, List<String> openBreakers, boolean canAct) {}

    private void deadLettersPage(Context ctx) {
        boolean canAct =
                Caller.of(ctx).role().map(r -> r.includes(Role.RESPONDER)).orElse(false);
        pages.render(
                ctx,
                "notify/dead_letters.jte",
                new DeadLettersPage(
                        new Frame(
                                "Dead letters",
                                Frame.Section.INCIDENTS,
                                Caller.of(ctx).viewer()),
                        outbox.dead(Requests.cursor(ctx, "before"), PAGE),
                        worker.openBreakers(),
                        canAct));
    }

    private void fromForm(Context ctx, boolean changed) {
        if (!changed) {
            throw HttpProblem.notFound("no dead letter with id " + ctx.pathParam("id"));
        }
        worker.wake();
        ctx.redirect("/notifications", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** {@code ?incident=ID} for one incident's, newest first; {@code ?state=dead} for the dead letters. */
    private void list(Context ctx) {
        int limit = Requests.limit(ctx);
        String incident = ctx.queryParam("incident");
        String state = ctx.queryParam("state");
        if (incident != null && !incident.isBlank()) {
            ctx.json(Listing.of("notifications", outbox.ofIncident(incident.strip(), limit), null));
            return;
        }
        if (!"dead".equals(state)) {
            throw HttpProblem.badRequest(
                    "say which notifications: ?incident=<incident id> for one incident's, or ?state=dead for the"
                            + " dead letters",
                    incident == null ? "state" : "incident");
        }
        List<Outbox.Sent> page = outbox.dead(Requests.cursor(ctx, "cursor"), limit);
        ctx.json(Listing.of(
                "notifications",
                page,
                page.size() < limit ? null : page.getLast().id()));
    }

    private boolean retried(Context ctx) {
        String id = ctx.pathParam("id");
        return outbox.retry(
                id,
                clock.instant(),
                tx -> audit.record(tx, Caller.of(ctx).actor(), "notification.retry", id, "dead letter sent again"));
    }

    private boolean dismissed(Context ctx) {
        String id = ctx.pathParam("id");
        return outbox.dismiss(
                id, tx -> audit.record(tx, Caller.of(ctx).actor(), "notification.dismiss", id, "dead letter put away"));
    }

    private void retry(Context ctx) {
        if (!retried(ctx)) {
            throw HttpProblem.notFound("no dead letter with id " + ctx.pathParam("id"));
        }
        worker.wake();
        ctx.json(Map.of(
                "id",
                ctx.pathParam("id"),
                "state",
                "pending",
                "by",
                Caller.of(ctx).actor().name()));
    }

    private void dismiss(Context ctx) {
        if (!dismissed(ctx)) {
            throw HttpProblem.notFound("no dead letter with id " + ctx.pathParam("id"));
        }
        ctx.json(Map.of(
                "id",
                ctx.pathParam("id"),
                "state",
                "cancelled",
                "by",
                Caller.of(ctx).actor().name()));
    }
}
