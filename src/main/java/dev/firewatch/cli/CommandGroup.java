package dev.firewatch.cli;

/** A command that only groups subcommands ({@code silence}, {@code override}): alone, it prints their usage. */
abstract class CommandGroup implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
