package dev.firewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.app.AdminTools;
import dev.firewatch.auth.Actor;
import dev.firewatch.incident.IncidentState;
import dev.firewatch.incident.SnoozeLength;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code incidents}, {@code ack}, {@code unack}, {@code snooze}, {@code reassign}, {@code resolve}, {@code escalate}. */
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

    /**
     * The shared body of every action on one incident: it prints the incident as the API returns it with
     * {@code --output json}, else one line for people. Exit 1 when the incident is missing or the move is
     * refused, 2 when an option's value is (an unknown user, a snooze too long).
     */
    abstract static class Act implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        Output output;

        @Parameters(index = "0", paramLabel = "ID", description = "The incident's number or id.")
        String id;

        /** Does the action as {@code actor}; returns the incident as JSON. */
        abstract JsonNode apply(AdminTools tools, Actor actor);

        @Override
        public Integer call() {
            try (AdminTools tools = options.open()) {
                Actor actor = new Actor("cli:" + System.getProperty("user.name", "unknown"), null);
                JsonNode incident = apply(tools, actor);
                if ("json".equals(output.format)) {
                    System.out.println(incident);
                } else {
                    String snoozed = Output.cell(incident.get("snoozed_until"));
                    System.out.println("#" + Output.cell(incident.get("number")) + " "
                            + Output.cell(incident.get("title")) + ": " + Output.cell(incident.get("state"))
                            + (snoozed.isEmpty() ? "" : ", snoozed until " + snoozed));
                }
                return 0;
            } catch (NoSuchElementException e) {
                System.err.println(e.getMessage() + "; `bin/firewatch incidents` lists them");
                return 1;
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            } catch (RuntimeException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }

    /** ack, unack, resolve, escalate: the action alone. */
    abstract static class Move extends Act {
        abstract String action();

        @Override
        JsonNode apply(AdminTools tools, Actor actor) {
            return tools.act(action(), id, actor);
        }
    }

    @Command(name = "ack", description = "Acknowledge an incident: you own it.")
    static final class Ack extends Move {
        @Override
        String action() {
            return "acknowledge";
        }
    }

    @Command(
            name = "unack",
            description = "Un-acknowledge an incident: back to triggered, and escalation starts again.")
    static final class Unack extends Move {
        @Override
        String action() {
            return "unacknowledge";
        }
    }

    @Command(
            name = "snooze",
            description = "Acknowledge an incident for a while; when the time is up, the first step is paged again.")
    static final class Snooze extends Act {
        @Option(
                names = "--for",
                required = true,
                paramLabel = "LENGTH",
                description = "From 1m to 24h: 30m, 2h, 1h30m.")
        String length;

        @Override
        JsonNode apply(AdminTools tools, Actor actor) {
            Duration duration = SnoozeLength.parse(length)
                    .orElseThrow(() -> new IllegalArgumentException("--for takes a number and a unit: 30m, 2h, 1h30m"));
            return tools.snooze(id, duration, actor);
        }
    }

    @Command(
            name = "reassign",
            description = "Hand an incident to someone else, who is paged now; an acknowledged one is theirs to"
                    + " acknowledge again.")
    static final class Reassign extends Act {
        @Option(names = "--to", required = true, paramLabel = "USER", description = "A user from the config.")
        String user;

        @Override
        JsonNode apply(AdminTools tools, Actor actor) {
            return tools.reassign(id, user, actor);
        }
    }

    @Command(name = "resolve", description = "Resolve an incident by hand.")
    static final class Resolve extends Move {
        @Override
        String action() {
            return "resolve";
        }
    }

    @Command(name = "escalate", description = "Ask for the next escalation step now.")
    static final class Escalate extends Move {
        @Override
        String action() {
            return "escalate";
        }
    }
}
