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
            IncidentCommands.Unack.class,
            IncidentCommands.Snooze.class,
            IncidentCommands.Reassign.class,
            IncidentCommands.Resolve.class,
            IncidentCommands.Escalate.class,
            AlertCommands.ListAlerts.class,
            AlertCommands.Silence.class,
            AlertCommands.Route.class,
            MonitorCommands.ListMonitors.class,
            OnCallCommands.OnCall.class,
            OnCallCommands.Shifts.class,
            OnCallCommands.OverrideCommand.class,
            NotifyCommands.Notify.class,
            PageCommands.PageCommand.class,
            HeartbeatCommands.ListHeartbeats.class,
            LogCommands.Logs.class
        })
public final class FirewatchCommand implements Runnable {
    /** The command line with its exit codes: 2 when the config or the arguments are unusable. */
    public static picocli.CommandLine commandLine() {
        return new picocli.CommandLine(new FirewatchCommand()).setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ConfigOptions.Unusable) {
                return 2;
            }
            if (e instanceof Filter.BadOption bad) {
                System.err.println(bad.getMessage());
                return 2;
            }
            throw e;
        });
    }

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
