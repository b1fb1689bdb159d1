package dev.ferry.console;

import dev.ferry.console.security.UserDirectory;
import dev.ferry.console.security.UsersFileDirectory;
import dev.ferry.console.services.ConsoleServices;
import dev.ferry.console.services.ConsoleSettings;
import dev.ferry.jms.security.PasswordHash;
import dev.ferry.jms.security.UserAccount;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.config.FerryProperties;
import jakarta.jms.JMSException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The standalone console: its store, its users, the web server and, with {@code --demo}, demo traffic. */
public final class Console implements AutoCloseable {

    /** Demo sign-ins, printed at start; only with {@code --demo} and no users file. */
    static final String DEMO_OPERATOR = "operator";
    static final String DEMO_VIEWER = "viewer";

    private final MessageStore store;
    private final DemoTraffic demo;
    private final ConsoleServer server;

    private Console(MessageStore store, DemoTraffic demo, ConsoleServer server) {
        this.store = store;
        this.demo = demo;
        this.server = server;
    }

    /** Opens the store, starts the demo broker when asked, and serves the console; tells {@code out} how to sign in. */
    public static Console start(ConsoleOptions options, PrintStream out) throws JMSException {
        UserDirectory users = users(options, out);
        MessageStore store = MessageStores.open(options.config());
        DemoTraffic demo = null;
        try {
            if (options.demo()) {
                demo = DemoTraffic.start(options.config(), store);
            }
            ConsoleServices services = new ConsoleServices(store, ConsoleSettings.from(options.config()), users);
            ConsoleServer server = ConsoleServer.start(options.host(), options.port(), services);
            return new Console(store, demo, server);
        } catch (RuntimeException | JMSException e) {
            if (demo != null) {
                demo.close(); // closes the store it owns
            } else {
                store.close();
            }
            throw e;
        }
    }

    private static UserDirectory users(ConsoleOptions options, PrintStream out) {
        String file = options.config().get(FerryProperties.CONSOLE_USERS);
        if (file != null) {
            return UsersFileDirectory.read(Path.of(file));
        }
        Map<String, UserAccount> accounts = new LinkedHashMap<>();
        if (options.demo()) {
            accounts.put(DEMO_OPERATOR, account(DEMO_OPERATOR, DEMO_OPERATOR, "operator"));
            accounts.put(DEMO_VIEWER, account(DEMO_VIEWER, DEMO_VIEWER, "viewer"));
            out.println("Demo sign-ins: operator / operator (may act), viewer / viewer (reads only)");
        } else {
            // no users file: one operator with a password made for this run, never a fixed default password
            byte[] secret = new byte[12];
            new SecureRandom().nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            accounts.put("admin", account("admin", password, "operator"));
            out.println("No " + FerryProperties.CONSOLE_USERS.key() + " set: sign in as admin / " + password
                    + " (valid until the console stops)");
        }
        return new UsersFileDirectory(accounts);
    }

    private static UserAccount account(String name, String password, String role) {
        return new UserAccount(name, PasswordHash.of(password.toCharArray()), Set.of(role));
    }

    public ConsoleServer server() {
        return server;
    }

    public MessageStore store() {
        return store;
    }

    @Override
    public void close() {
        server.close();
        if (demo != null) {
            demo.close(); // the demo broker owns the store
        } else {
            store.close();
        }
    }
}
