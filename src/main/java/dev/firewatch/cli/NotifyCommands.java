package dev.firewatch.cli;

import dev.firewatch.config.FirewatchConfig;
import dev.firewatch.notify.ChannelSpec;
import dev.firewatch.notify.ChannelTest;
import dev.firewatch.notify.Delivery;
import dev.firewatch.notify.PostClient;
import dev.firewatch.paging.PersonSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code notify test}. */
final class NotifyCommands {
    private NotifyCommands() {}

    @Command(
            name = "notify",
            description = "Check that notifications reach people.",
            subcommands = {Test.class})
    static final class Notify extends CommandGroup {}

    @Command(
            name = "test",
            description = "Send a test notification to a channel, or to a person's contact method as USER/METHOD,"
                    + " right now and print what the receiver said. Nothing is stored.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:the receiver took the notification",
                "1:sending failed",
                "2:the config has errors, or no such channel"
            })
    static final class Test implements Callable<Integer> {
        // Only --config: a test touches no store, so --data would be a promise nobody keeps.
        @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: ${DEFAULT-VALUE}).")
        Path config = Path.of("firewatch.yaml");

        @Parameters(index = "0", paramLabel = "CHANNEL", description = "A channel's name, or USER/METHOD.")
        String target;

        @Override
        public Integer call() {
            ConfigOptions options = new ConfigOptions();
            options.config = config;
            FirewatchConfig loaded = options.load(System.err);
            if (loaded == null) {
                throw new ConfigOptions.Unusable();
            }
            Optional<ChannelSpec> channel = find(loaded);
            if (channel.isEmpty()) {
                return 2;
            }
            var notify = loaded.notifications();
            Delivery delivery;
            try (PostClient http = new PostClient(notify.delivery().timeout())) {
                delivery = new ChannelTest(http, notify, loaded.server().publicUrl(), Clock.systemUTC())
                        .send(channel.get(), target);
            }
            return switch (delivery) {
                case Delivery.Delivered delivered -> {
                    System.out.println(
                            "sent to " + target + " (" + channel.get().type() + "): " + delivered.detail());
                    yield 0;
                }
                case Delivery.Failed failed -> {
                    System.err.println("failed: " + failed.reason());
                    yield 1;
                }
            };
        }

        /** The channel, or the person's method; empty after saying what the config has instead. */
        private Optional<ChannelSpec> find(FirewatchConfig config) {
            int slash = target.indexOf('/');
            if (slash < 0) {
                var channel = config.channel(target);
                if (channel.isEmpty()) {
                    System.err.println("no channel named \"" + target + "\"; "
                            + known(
                                    "channels",
                                    config.channels().stream()
                                            .map(ChannelSpec::name)
                                            .toList())
                            + ", or USER/METHOD for a person's contact method");
                }
                return channel;
            }
            String user = target.substring(0, slash);
            String method = target.substring(slash + 1);
            Optional<PersonSpec> person = config.person(user);
            if (person.isEmpty()) {
                System.err.println("no user named \"" + user + "\"; "
                        + known(
                                "users",
                                config.people().stream().map(PersonSpec::name).toList()));
                return Optional.empty();
            }
            var found = person.get().method(method);
            if (found.isEmpty()) {
                System.err.println(user + " has no contact method \"" + method + "\"; "
                        + known(
                                "methods",
                                person.get().contactMethods().stream()
                                        .map(ChannelSpec::name)
                                        .toList()));
            }
            return found;
        }

        private static String known(String what, List<String> names) {
            return names.isEmpty() ? "the config has no " + what : "the config has " + String.join(", ", names);
        }
    }
}
