package dev.firewatch.app;

import dev.firewatch.auth.Access;
import dev.firewatch.auth.Actor;
import dev.firewatch.auth.AuditLog;
import dev.firewatch.auth.Caller;
import dev.firewatch.auth.Users;
import dev.firewatch.config.ConfigLoader;
import dev.firewatch.config.ConfigProblem;
import dev.firewatch.config.ConfigResult;
import dev.firewatch.config.FirewatchConfig;
import dev.firewatch.health.Check;
import dev.firewatch.web.Format;
import dev.firewatch.web.RouteSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the config file without a restart. A file with errors is rejected whole and the running
 * config stays; a good one replaces it in one assignment, so no request ever sees half of each.
 */
public final class ConfigReloader {
    private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);

    /** What a reload did. */
    public sealed interface Outcome {
        record Reloaded(List<ConfigProblem> warnings, List<String> notes) implements Outcome {}

        record Rejected(List<ConfigProblem> errors) implements Outcome {}
    }

    private record Rejection(Instant at, int errors) {}

    private final AtomicReference<FirewatchConfig> current;
    private final AtomicReference<Rejection> lastRejection = new AtomicReference<>();
    private final Map<String, String> environment;
    private final Users users;
    private final AuditLog audit;
    private final Clock clock;
    private final Instant loadedAt;

    ConfigReloader(FirewatchConfig initial, Map<String, String> environment, Users users, AuditLog audit, Clock clock) {
        this.current = new AtomicReference<>(initial);
        this.environment = environment;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.loadedAt = clock.instant();
    }

    public FirewatchConfig current() {
        return current.get();
    }

    public synchronized Outcome reload(Actor actor) {
        FirewatchConfig running = current.get();
        ConfigResult result = new ConfigLoader(environment).load(running.source());
        return switch (result) {
            case ConfigResult.Invalid invalid -> {
                lastRejection.set(
                        new Rejection(clock.instant(), invalid.errors().size()));
                audit.record(
                        actor,
                        "config.reload_rejected",
                        running.source().toString(),
                        invalid.errors().size() + " errors; the running config stays");
                log.warn("config reload rejected, the running config stays:");
                invalid.errors().forEach(e -> log.warn("  {}", e));
                yield new Outcome.Rejected(invalid.errors());
            }
            case ConfigResult.Loaded loaded -> {
                FirewatchConfig next = loaded.config();
                users.sync(next.users());
                current.set(next);
                lastRejection.set(null);
                audit.record(actor, "config.reload", running.source().toString(), null);
                List<String> notes = new ArrayList<>();
                if (!next.server().equals(running.server()) || !next.store().equals(running.store())) {
                    notes.add("server and store settings take effect after a restart");
                }
                log.info("config reloaded from {}", running.source());
                yield new Outcome.Reloaded(loaded.warnings(), notes);
            }
        };
    }

    /** The {@code config} entry of {@code /readyz}: always ok (the running config stands), but says so. */
    Check check() {
        return new Check() {
            @Override
            public String name() {
                return "config";
            }

            @Override
            public Result run() {
                Rejection rejection = lastRejection.get();
                String detail = current.get().source() + " loaded " + Format.when(loadedAt);
                if (rejection != null) {
                    detail += "; the last reload (" + Format.when(rejection.at()) + ") was rejected with "
                            + rejection.errors() + " errors, see `bin/firewatch check-config`";
                }
                return Result.ok(detail);
            }
        };
    }

    RouteSet routes() {
        return routes -> routes.post(
                "/api/v1/config/reload",
                ctx -> {
                    switch (reload(Caller.of(ctx).actor())) {
                        case Outcome.Reloaded reloaded -> {
                            Map<String, Object> body = new LinkedHashMap<>();
                            body.put("status", "reloaded");
                            body.put(
                                    "warnings",
                                    reloaded.warnings().stream()
                                            .map(ConfigProblem::toString)
                                            .toList());
                            body.put("notes", reloaded.notes());
                            ctx.json(body);
                        }
                        case Outcome.Rejected rejected -> {
                            Map<String, Object> body = new LinkedHashMap<>();
                            body.put(
                                    "error",
                                    "the config file has " + rejected.errors().size()
                                            + " errors and was not loaded; the running config stays");
                            body.put(
                                    "errors",
                                    rejected.errors().stream()
                                            .map(ConfigProblem::toString)
                                            .toList());
                            ctx.status(422).json(body);
                        }
                    }
                },
                Access.ADMIN);
    }
}
