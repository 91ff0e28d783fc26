package dev.firewatch.cli;

/** The {@code firewatch} command. Logging is set up before anything logs, so it goes where it should. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        boolean serving = args.length > 0 && "serve".equals(args[0]);
        // The server logs to stdout (DESIGN §3.1). Every other command keeps stdout for its answer (a new
        // API key, JSON) and says only what matters on stderr.
        System.setProperty("org.slf4j.simpleLogger.logFile", serving ? "System.out" : "System.err");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", serving ? "info" : "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.javalin", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
        int exit = FirewatchCommand.commandLine().execute(args);
        if (!serving || exit != 0) {
            System.exit(exit);
        }
    }
}
