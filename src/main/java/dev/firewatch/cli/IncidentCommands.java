package dev.firewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.app.AdminTools;
import dev.firewatch.auth.Actor;
import dev.firewatch.incident.IncidentState;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code incidents}, {@code ack}, {@code resolve}, {@code escalate}. */
final class IncidentCommands {
    private IncidentCommands() {}

    @Command(
            name = "incidents",
            description = "List incidents, newest first (open ones unless --state says otherwise).")
    static final class ListIncidents implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        Output output;

        @Option(
                names = "--state",
                defaultValue = "triggered,acknowledged",
                description = "Comma-separated: triggered, acknowledged, resolved.")
        String state;

        @Option(names = "--service", description = "Only this service.")
        String service;

        @Option(names = "--limit", defaultValue = "100", description = "1 to 1000.")
        int limit;

        @Override
        public Integer call() {
            Set<IncidentState> states =
                    Filter.states(state, IncidentState.class, IncidentState::parse, IncidentState::wireName);
            try (AdminTools tools = options.open()) {
                JsonNode body = tools.incidents(states, service, Filter.limit(limit));
                output.print(
                        System.out,
                        body,
                        "incidents",
                        new String[] {"#", "STATE", "SEVERITY", "SERVICE", "OPENED", "ALERTS", "TITLE"},
                        i -> new String[] {
                            Output.cell(i.get("number")), Output.cell(i.get("state")), Output.cell(i.get("severity")),
                            Output.cell(i.get("service")), Output.cell(i.get("created_at")),
                                    Output.cell(i.get("alert_count")),
                            Output.cell(i.get("title"))
                        });
                return 0;
            }
        }
    }

    /** The shared body of ack, resolve and escalate. */
    abstract static class Act implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        Output output;

        @Parameters(index = "0", paramLabel = "ID", description = "The incident's number or id.")
        String id;

        abstract String action();

        @Override
        public Integer call() {
            try (AdminTools tools = options.open()) {
                Actor actor = new Actor("cli:" + System.getProperty("user.name", "unknown"), null);
                JsonNode incident = tools.act(action(), id, actor);
                if ("json".equals(output.format)) {
                    System.out.println(incident);
                } else {
                    System.out.println("#" + Output.cell(incident.get("number")) + " "
                            + Output.cell(incident.get("title")) + ": " + Output.cell(incident.get("state")));
                }
                return 0;
            } catch (NoSuchElementException e) {
                System.err.println(e.getMessage() + "; `bin/firewatch incidents` lists them");
                return 1;
            } catch (RuntimeException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "ack", description = "Acknowledge an incident: you own it.")
    static final class Ack extends Act {
        @Override
        String action() {
            return "acknowledge";
        }
    }

    @Command(name = "resolve", description = "Resolve an incident by hand.")
    static final class Resolve extends Act {
        @Override
        String action() {
            return "resolve";
        }
    }

    @Command(name = "escalate", description = "Ask for the next escalation step now.")
    static final class Escalate extends Act {
        @Override
        String action() {
            return "escalate";
        }
    }
}
