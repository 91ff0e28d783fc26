package dev.firewatch.cli;

import dev.firewatch.app.AdminTools;
import dev.firewatch.auth.Actor;
import dev.firewatch.auth.Tokens;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "users",
        description = "Manage sign-in for the people in the config.",
        subcommands = {UsersCommand.ResetPassword.class})
final class UsersCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(
            name = "reset-password",
            description = "Give a user a new generated password, print it on stdout, and sign out their sessions."
                    + " For the admin who lost the first-start password.")
    static final class ResetPassword implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try (AdminTools tools = options.open()) {
                String password = new Tokens().random(20);
                tools.users().setPassword(Actor.CLI, name, password);
                System.out.println(password);
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }
}
