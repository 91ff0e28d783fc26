package dev.firewatch.cli;

import dev.firewatch.app.Version;
import picocli.CommandLine.Command;

@Command(name = "version", description = "Print the Firewatch and Java versions.")
final class VersionCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("firewatch " + Version.current() + " (Java " + System.getProperty("java.version") + ")");
    }
}
