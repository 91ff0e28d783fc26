package dev.firewatch.cli;

import dev.firewatch.app.Version;
import picocli.CommandLine.Command;

/** The root command: it only lists the subcommands. */
@Command(
        name = "firewatch",
        mixinStandardHelpOptions = true,
        versionProvider = FirewatchCommand.VersionProvider.class,
        description = "Incident response in one program: watch, page, walk the runbook, tell customers.",
        subcommands = {
            ServeCommand.class,
            CheckConfigCommand.class,
            VersionCommand.class,
            ApiKeyCommand.class,
            UsersCommand.class,
            IncidentCommands.ListIncidents.class,
            IncidentCommands.Ack.class,
            IncidentCommands.Resolve.class,
            IncidentCommands.Escalate.class,
            AlertCommands.ListAlerts.class,
            AlertCommands.Silence.class,
            AlertCommands.Route.class
        })
public final class FirewatchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    static final class VersionProvider implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"firewatch " + Version.current()};
        }
    }
}
