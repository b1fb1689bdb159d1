package dev.ferry.store;

import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.database.DatabaseMessageStore;

/** Opens the message store a configuration describes. */
public final class MessageStores {

    private MessageStores() {
    }

    /**
     * Opens the store: the container DataSource named by {@code ferry.datasource}, else a pool over
     * {@code ferry.jdbc.url} (default: the embedded H2 file database {@code ./ferry-data/ferry}). Migrates the
     * schema, registers this JVM as a node and starts its heartbeat. Close it to stop them.
     *
     * @throws StoreException when the database cannot be reached or migrated
     */
    public static MessageStore open(FerryConfig config) {
        return DatabaseMessageStore.open(config);
    }
}
