package dev.ferry.it;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.store.config.FerryConfig;
import jakarta.jms.ConnectionFactory;

import java.util.Map;

/** A Java SE Ferry client of the store the test server's resource adapter uses (same H2 database file). */
final class SeClient {

    private SeClient() {
    }

    static ConnectionFactory factory() {
        String db = System.getProperty("ferry.it.db");
        if (db == null) {
            throw new IllegalStateException("system property ferry.it.db (the shared store) is not set by the build");
        }
        return new FerryConnectionFactory(FerryConfig.of(Map.of(
                "ferry.jdbc.url", "jdbc:h2:file:" + db + ";AUTO_SERVER=TRUE",
                "ferry.poll.interval", "100ms")));
    }
}
