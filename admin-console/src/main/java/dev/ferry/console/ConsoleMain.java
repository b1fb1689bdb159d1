package dev.ferry.console;

import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code java -jar ferry-console.jar [--demo] [--port N] [--jdbc-url URL] [--ferry.NAME=VALUE …]} */
public final class ConsoleMain {

    private ConsoleMain() {
    }

    public static void main(String[] args) throws Exception {
        // Flyway and Hibernate announce their start-up at INFO; the console prints its own lines
        Logger.getLogger("").setLevel(Level.WARNING);
        long started = System.nanoTime();
        ConsoleOptions options;
        try {
            options = ConsoleOptions.parse(args, System.getProperties());
        } catch (ConsoleOptions.HelpRequested help) {
            System.out.println(help.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("ferry-console: " + e.getMessage());
            System.err.println(ConsoleOptions.USAGE);
            System.exit(2);
            return;
        }
        Console console;
        try {
            console = Console.start(options, System.out);
        } catch (Exception e) {
            System.err.println("ferry-console: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(console::close, "ferry-console-shutdown"));
        System.out.printf("Ferry console on %s (store: %s%s), started in %d ms%n", console.server().url(),
                options.config().get(dev.ferry.store.config.FerryProperties.JDBC_URL),
                options.demo() ? ", with demo traffic" : "", (System.nanoTime() - started) / 1_000_000);
        System.out.println("Metrics: " + console.server().url() + "metrics");
        Thread.currentThread().join();
    }
}
