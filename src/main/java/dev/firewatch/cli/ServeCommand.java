package dev.firewatch.cli;

import dev.firewatch.app.Firewatch;
import dev.firewatch.config.FirewatchConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Run the Firewatch server in the foreground; logs go to stdout.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (overrides server.port).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        FirewatchConfig config = options.load(System.err);
        if (config == null) {
            return 2;
        }
        Firewatch firewatch = Firewatch.start(config, Firewatch.Options.defaults(options.data, port));
        firewatch.reloadOnHangup();
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C: stop taking requests, let the ones in flight finish, close the store.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            firewatch.close();
                            stopped.countDown();
                        },
                        "shutdown"));
        stopped.await();
        return 0;
    }
}
