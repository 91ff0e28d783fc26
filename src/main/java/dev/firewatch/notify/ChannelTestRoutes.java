package dev.firewatch.notify;

import dev.firewatch.auth.Access;
import dev.firewatch.web.HttpProblem;
import dev.firewatch.web.Pages;
import dev.firewatch.web.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/channels/{name}/test}: an admin sends a test notification to a channel and sees what its
 * receiver said. The dashboard's "Send test" button calls it through htmx and gets a line of HTML instead of JSON.
 */
public final class ChannelTestRoutes implements RouteSet {
    /** The line the dashboard shows beside the button. */
    public record Outcome(String channel, String type, boolean delivered, String detail) {}

    private final Supplier<List<ChannelSpec>> channels;
    private final Supplier<NotifySpec> notify;
    private final String publicUrl;
    private final Clock clock;
    private final Pages pages;

    public ChannelTestRoutes(
            Supplier<List<ChannelSpec>> channels,
            Supplier<NotifySpec> notify,
            String publicUrl,
            Clock clock,
            Pages pages) {
        this.channels = channels;
        this.notify = notify;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.pages = pages;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        // Admin only: a test reaches outside (and may wake someone), which is a decision about the whole team.
        routes.post("/api/v1/channels/{name}/test", this::test, Access.ADMIN);
    }

    private void test(Context ctx) {
        String name = ctx.pathParam("name");
        List<ChannelSpec> known = channels.get();
        ChannelSpec channel = known.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> HttpProblem.notFound("no channel named \"" + name + "\"; the config has "
                        + (known.isEmpty()
                                ? "none"
                                : String.join(
                                        ", ",
                                        known.stream().map(ChannelSpec::name).toList()))));
        Outcome outcome = outcome(channel, send(channel));
        if ("true".equals(ctx.header("HX-Request"))) {
            pages.render(ctx, "notify/test_result.jte", outcome);
        } else {
            ctx.json(outcome);
        }
    }

    private Delivery send(ChannelSpec channel) {
        // A client per test: tests are rare, and closing it leaves no connection behind.
        try (PostClient http = new PostClient(notify.get().delivery().timeout())) {
            return new ChannelTest(http, notify.get(), publicUrl, clock).send(channel);
        }
    }

    private static Outcome outcome(ChannelSpec channel, Delivery delivery) {
        return switch (delivery) {
            case Delivery.Delivered delivered -> new Outcome(channel.name(), channel.type(), true, delivered.detail());
            case Delivery.Failed failed -> new Outcome(channel.name(), channel.type(), false, failed.reason());
        };
    }
}
