package dev.firewatch.incident;

import dev.firewatch.auth.Access;
import dev.firewatch.auth.Caller;
import dev.firewatch.web.Format;
import dev.firewatch.web.Frame;
import dev.firewatch.web.Pages;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.NoSuchElementException;

/**
 * {@code /act/{token}}, where one-click links lead (DESIGN §3.1). Public: the signed token is the authority, so
 * no session and no CSRF token are needed (the access gate checks neither on a public route), and a forged
 * request cannot name a token it does not have.
 *
 * <p>A GET only shows what the link would do and a button; mail scanners and link previews follow links, and
 * must not acknowledge anything. The button POSTs to the same URL, which acts once.
 */
public final class LinkRoutes implements RouteSet {
    private final ActionLinks links;
    private final Incidents incidents;
    private final Pages pages;

    public LinkRoutes(ActionLinks links, Incidents incidents, Pages pages) {
        this.links = links;
        this.incidents = incidents;
        this.pages = pages;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/act/{token}", ctx -> answer(ctx, false), Access.PUBLIC);
        routes.post("/act/{token}", ctx -> answer(ctx, true), Access.PUBLIC);
    }

    private void answer(Context ctx, boolean act) {
        // The token is in the URL: it must not leave in a Referer when the page's incident link is followed.
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Robots-Tag", "noindex");
        switch (links.check(ctx.pathParam("token"))) {
            case ActionLinks.Checked.Invalid invalid ->
                render(
                        ctx,
                        400,
                        "This link does not work",
                        "It is not a link Firewatch made, or part of it is missing. Copy the whole link from the"
                                + " message, or open the incident in Firewatch.",
                        null,
                        "/incidents");
            case ActionLinks.Checked.Expired expired ->
                render(
                        ctx,
                        410,
                        "This link has expired",
                        "The link to " + expired.action().verb().toLowerCase(java.util.Locale.ROOT) + " incident #"
                                + expired.number() + " stopped working at " + Format.when(expired.expiredAt())
                                + ". Nothing was changed. Open the incident to act on it.",
                        null,
                        links.incidentUrl(expired.number()));
            case ActionLinks.Checked.Valid valid -> {
                LinkToken token = valid.token();
                try {
                    show(ctx, token, act ? incidents.byLink(token) : incidents.preview(token));
                } catch (NoSuchElementException gone) {
                    render(ctx, 404, "No such incident", "Incident #" + token.number() + " is not here.", null, "/");
                } catch (Incidents.IllegalMove raced) {
                    render(ctx, 409, "Try again", raced.getMessage(), null, links.incidentUrl(token.number()));
                }
            }
        }
    }

    private void show(Context ctx, LinkToken token, LinkOutcome outcome) {
        Incident incident = outcome.incident();
        String what = "#" + incident.number() + " — " + incident.title();
        String url = incident.url();
        LinkAction action = token.action();
        switch (outcome) {
            case LinkOutcome.Ready ready ->
                render(
                        ctx,
                        200,
                        action.verb() + " incident " + what + "?",
                        "It is " + incident.state().wireName() + " now. The button acts as " + token.actor() + ".",
                        action.verb(),
                        url);
            case LinkOutcome.Done done ->
                render(
                        ctx,
                        200,
                        action.done() + " incident " + what,
                        action.done() + " by " + done.actor() + " at " + Format.when(done.at()) + ".",
                        null,
                        url);
            case LinkOutcome.UsedBefore used ->
                render(
                        ctx,
                        200,
                        "Already done: incident " + what,
                        "This link was used at " + Format.when(used.at()) + ": "
                                + action.done().toLowerCase(java.util.Locale.ROOT) + " by " + used.actor()
                                + ". Nothing changed now; the"
                                + " incident is " + incident.state().wireName() + ".",
                        null,
                        url);
            case LinkOutcome.NothingToDo nothing ->
                render(
                        ctx,
                        200,
                        "Already " + incident.state().wireName() + ": incident " + what,
                        "It was " + incident.state().wireName() + " by "
                                + (nothing.by() == null ? "someone" : nothing.by()) + " at " + Format.when(nothing.at())
                                + ". Nothing changed.",
                        null,
                        url);
        }
    }

    private void render(Context ctx, int status, String heading, String message, String button, String next) {
        ctx.status(status);
        pages.render(
                ctx,
                "incident/act.jte",
                new IncidentPages.Act(
                        new Frame(heading, Frame.Section.NONE, Caller.of(ctx).viewer()),
                        heading,
                        message,
                        button,
                        next));
    }
}
