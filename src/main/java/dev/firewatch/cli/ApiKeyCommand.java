package dev.firewatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.app.AdminTools;
import dev.firewatch.auth.Actor;
import dev.firewatch.auth.ApiKey;
import dev.firewatch.auth.ApiKeys;
import dev.firewatch.auth.Role;
import dev.firewatch.web.Format;
import dev.firewatch.web.Json;
import dev.firewatch.web.Listing;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "api-key",
        description = "Create, list and revoke API keys (works while the server runs).",
        subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.ListKeys.class, ApiKeyCommand.Revoke.class})
final class ApiKeyCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "create", description = "Create a key and print it, and nothing else, on stdout.")
    static final class Create implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Option(names = "--name", required = true, description = "What the key is for, e.g. ci-deploys.")
        String name;

        @Option(names = "--role", required = true, description = "viewer, responder or admin.")
        String role;

        @Override
        public Integer call() {
            Role parsed = Role.parse(role).orElse(null);
            if (parsed == null) {
                System.err.println("--role must be viewer, responder or admin, not \"" + role + "\"");
                return 2;
            }
            try (AdminTools tools = options.open()) {
                ApiKeys.Created created = tools.apiKeys().create(Actor.CLI, name, parsed);
                System.out.println(created.secret());
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "list", description = "List keys: prefix, name, role, last use; never the secrets.")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Option(names = "--output", defaultValue = "table", description = "table or json.")
        String output;

        @Override
        public Integer call() throws Exception {
            try (AdminTools tools = options.open()) {
                List<ApiKey> keys = tools.apiKeys().list();
                if ("json".equals(output)) {
                    ObjectMapper mapper = Json.mapper();
                    System.out.println(mapper.writeValueAsString(Listing.of("api_keys", keys, null)));
                    return 0;
                }
                Table table = new Table("PREFIX", "NAME", "ROLE", "CREATED", "LAST USED", "STATE");
                for (ApiKey key : keys) {
                    table.row(
                            key.prefix(),
                            key.name(),
                            key.role().wireName(),
                            Format.when(key.createdAt()),
                            Format.when(key.lastUsedAt()),
                            key.revoked() ? "revoked" : "active");
                }
                table.print(System.out);
                return 0;
            }
        }
    }

    @Command(name = "revoke", description = "Revoke a key by its id or prefix; it stops working at once.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Parameters(index = "0", paramLabel = "ID_OR_PREFIX")
        String id;

        @Override
        public Integer call() {
            try (AdminTools tools = options.open()) {
                ApiKey key = tools.apiKeys().revoke(Actor.CLI, id);
                System.out.println("revoked " + key.prefix() + " (" + key.name() + ")");
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }
}
