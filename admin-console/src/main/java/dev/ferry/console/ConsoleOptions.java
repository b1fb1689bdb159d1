package dev.ferry.console;

import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The standalone console's command line. Store settings use the {@code ferry.*} vocabulary of the provider
 * (README's configuration table), given as {@code --ferry.name=value}, as {@code -Dferry.name=value} system
 * properties, or in a properties file ({@code --config file}); {@code --jdbc-url} is short for
 * {@code --ferry.jdbc.url}.
 *
 * @param host   address to listen on (default 127.0.0.1: only this machine)
 * @param port   HTTP port (default 8080; 0 for any free port)
 * @param demo   whether to start an embedded broker with demonstration traffic
 * @param config the store's configuration
 */
public record ConsoleOptions(String host, int port, boolean demo, FerryConfig config) {

    public static final String USAGE = """
            Usage: java -jar ferry-console.jar [options]
              --port N               HTTP port (default 8080)
              --host ADDRESS         address to listen on (default 127.0.0.1)
              --jdbc-url URL         the store's database (default: embedded H2 in ./ferry-data)
              --users FILE           console users file (same as --ferry.console.users=FILE)
              --config FILE          a properties file of ferry.* settings
              --ferry.NAME=VALUE     any ferry.* setting (see the README's configuration table)
              --demo                 also run an embedded broker with demonstration queues and traffic
              --help                 this text""";

    /** @throws IllegalArgumentException for an unknown option or a bad value, with a message naming it */
    public static ConsoleOptions parse(String[] args, Properties systemProperties) {
        String host = "127.0.0.1";
        int port = 8080;
        boolean demo = false;
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith("ferry.") && FerryProperties.find(name) != null) {
                settings.put(name, systemProperties.getProperty(name));
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            switch (name) {
                case "--demo" -> demo = true;
                case "--help", "-h" -> throw new HelpRequested();
                case "--port" -> port = parsePort(value != null ? value : next(args, ++i, name));
                case "--host" -> host = value != null ? value : next(args, ++i, name);
                case "--jdbc-url" -> settings.put(FerryProperties.JDBC_URL.key(), value != null ? value : next(args, ++i, name));
                case "--users" -> settings.put(FerryProperties.CONSOLE_USERS.key(), value != null ? value : next(args, ++i, name));
                case "--config" -> settings.putAll(readConfig(Path.of(value != null ? value : next(args, ++i, name))));
                default -> {
                    if (name.startsWith("--ferry.")) {
                        settings.put(name.substring(2), value != null ? value : next(args, ++i, name));
                    } else {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                }
            }
        }
        return new ConsoleOptions(host, port, demo, FerryConfig.of(settings));
    }

    private static String next(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a port number 0..65535, was " + text);
        }
    }

    private static Map<String, String> readConfig(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            values.put(name, properties.getProperty(name));
        }
        return values;
    }

    /** {@code --help}: print the usage and stop. */
    public static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super(USAGE);
        }
    }
}
