package dev.firewatch.testing;

import dev.firewatch.app.AdminTools;
import dev.firewatch.app.Firewatch;
import dev.firewatch.auth.Actor;
import dev.firewatch.auth.Role;
import dev.firewatch.config.ConfigLoader;
import dev.firewatch.config.ConfigResult;
import dev.firewatch.config.FirewatchConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Firewatch for a test: real HTTP on a free loopback port, a real SQLite file (or the PostgreSQL
 * URL the config names), the config parsed from YAML as a user would write it.
 */
public final class TestFirewatch implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";

    public static final String BASE_CONFIG = """
            server:
              host: 127.0.0.1
            users:
              - name: admin
                role: admin
              - name: rita
                role: responder
              - name: vera
                role: viewer
            services:
              - name: demo
                description: The demo service
                integration_key: demo-key
            """;

    /** {@link #BASE_CONFIG} with more people who can take a page, for tests of who is on call. */
    public static String withResponders(String... names) {
        StringBuilder users = new StringBuilder();
        for (String name : names) {
            users.append("  - name: ").append(name).append("\n    role: responder\n");
        }
        return BASE_CONFIG.replace("services:\n", users + "services:\n");
    }

    private final Firewatch firewatch;
    private final FirewatchConfig config;
    private final Path dataDir;
    private final Path configFile;

    private TestFirewatch(Firewatch firewatch, FirewatchConfig config, Path dataDir, Path configFile) {
        this.firewatch = firewatch;
        this.config = config;
        this.dataDir = dataDir;
        this.configFile = configFile;
    }

    public static TestFirewatch start(Path dir) {
        return start(dir, BASE_CONFIG, Clock.systemUTC(), Map.of());
    }

    public static TestFirewatch start(Path dir, String yaml, Clock clock, Map<String, String> extraEnv) {
        TestFirewatch firewatch = startWithoutWaiting(dir, yaml, clock, extraEnv);
        try {
            if (!firewatch.app().awaitStore(java.time.Duration.ofSeconds(30))) {
                firewatch.close();
                throw new AssertionError("the store was not set up within 30 s; see the log above");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return firewatch;
    }

    /** Starts without waiting for the store, for tests of what happens while the database is away. */
    public static TestFirewatch startWithoutWaiting(Path dir, String yaml, Clock clock, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putIfAbsent("FIREWATCH_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Path configFile = dir.resolve("firewatch.yaml");
        try {
            Files.writeString(configFile, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FirewatchConfig config =
                switch (new ConfigLoader(env).load(configFile)) {
                    case ConfigResult.Loaded loaded -> loaded.config();
                    case ConfigResult.Invalid invalid ->
                        throw new AssertionError("test config is invalid: " + invalid.errors());
                };
        Path dataDir = dir.resolve("data");
        Firewatch firewatch = Firewatch.start(config, new Firewatch.Options(dataDir, 0, env, clock, 4));
        return new TestFirewatch(firewatch, config, dataDir, configFile);
    }

    public String base() {
        return "http://127.0.0.1:" + firewatch.port();
    }

    public TestHttp http() {
        return new TestHttp(base());
    }

    /** A fresh API key with the role, made the way the CLI makes one. */
    public String key(Role role) {
        try (AdminTools tools = AdminTools.open(config, dataDir)) {
            return tools.apiKeys()
                    .create(Actor.CLI, "test-" + role.wireName(), role)
                    .secret();
        }
    }

    /** Gives a user from the config a password, so a test can sign in as them. */
    public void setPassword(String user, String password) {
        try (AdminTools tools = AdminTools.open(config, dataDir)) {
            tools.users().setPassword(Actor.CLI, user, password);
        }
    }

    public Firewatch app() {
        return firewatch;
    }

    public Path configFile() {
        return configFile;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Every route the server registered, as Javalin holds them: what the route-walking tests walk. */
    public java.util.List<io.javalin.router.Endpoint> endpoints() {
        return firewatch.http().unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(e -> e.method.isHttpMethod())
                .toList();
    }

    /**
     * Stops the server, and fails the test if it ever answered 500-599 but 503: no input may crash a request. A 503
     * (not ready, or starting) is a deliberate answer, not a crash, so it does not count.
     */
    @Override
    public void close() {
        String metrics = http().get("/metrics").body();
        firewatch.close();
        java.util.List<String> serverErrors = metrics.lines()
                .filter(l -> l.startsWith("http_server_requests_seconds_count")
                        && l.matches(".*status=\"5\\d\\d\".*")
                        && !l.contains("route=\"/readyz\"")
                        && !l.contains("status=\"503\""))
                .toList();
        if (!serverErrors.isEmpty()) {
            throw new AssertionError("the server answered 5xx during this test: " + serverErrors);
        }
    }
}
