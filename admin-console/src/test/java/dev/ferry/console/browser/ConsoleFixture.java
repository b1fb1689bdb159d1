package dev.ferry.console.browser;

import dev.ferry.console.ConsoleServer;
import dev.ferry.console.security.UsersFileDirectory;
import dev.ferry.console.services.ConsoleServices;
import dev.ferry.console.services.ConsoleSettings;
import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.jms.engine.Broker;
import dev.ferry.jms.security.PasswordHash;
import dev.ferry.jms.security.UserAccount;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.testing.TestDatabase;

import java.util.Map;
import java.util.Set;

/**
 * A console as the browser tests use it: a fresh H2 store, a Ferry broker sharing that store (so console
 * operations wake its consumers at once), users {@code operator} and {@code viewer}, and the console's web
 * server on a free port of 127.0.0.1.
 */
final class ConsoleFixture implements AutoCloseable {

    static final String PASSWORD = "s3cret-Pa55";

    final FerryConfig config;
    final MessageStore store;
    final Broker broker;
    final FerryConnectionFactory factory;
    final ConsoleServer server;

    ConsoleFixture() throws Exception {
        config = TestDatabase.H2.newConfig();
        store = MessageStores.open(config);
        broker = Broker.acquire(config, ignored -> store);
        factory = new FerryConnectionFactory(config);
        PasswordHash hash = PasswordHash.of(PASSWORD.toCharArray());
        UsersFileDirectory users = new UsersFileDirectory(Map.of(
                "operator", new UserAccount("operator", hash, Set.of("operator")),
                "viewer", new UserAccount("viewer", hash, Set.of("viewer"))));
        server = ConsoleServer.start("127.0.0.1", 0, new ConsoleServices(store, new ConsoleSettings(false), users));
    }

    Destination queue(String name) {
        return store.createDestinationIfAbsent(name, DestinationKind.QUEUE);
    }

    long depth(String queue) {
        return store.statistics(queue(queue).queueId()).total();
    }

    String url(String path) {
        return server.url() + path;
    }

    @Override
    public void close() {
        server.close();
        broker.release(); // closes the store it was given
    }
}
