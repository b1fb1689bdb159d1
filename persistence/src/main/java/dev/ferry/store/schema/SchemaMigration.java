package dev.ferry.store.schema;

import dev.ferry.store.StoreException;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.List;

/**
 * Brings the store's schema to the current version with Flyway's versioned migrations in
 * {@code db/migration/<database>} (listed in {@link MigrationResources}). Runs on every open; concurrent opens from several JVMs are serialised by
 * Flyway's own lock on its history table.
 */
public final class SchemaMigration {

    /** Flyway's history table, prefixed like every table of the store so it can share a schema. */
    public static final String HISTORY_TABLE = "ferry_schema_history";

    private SchemaMigration() {
    }

    public static void migrate(DataSource dataSource, SupportedDatabase database) {
        try {
            ClassLoader classLoader = SchemaMigration.class.getClassLoader();
            Flyway.configure(classLoader)
                    .dataSource(dataSource)
                    .resourceProvider(new MigrationResources(classLoader, database))
                    .javaMigrationClassProvider(List::of)
                    .table(HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException("schema migration failed: " + e.getMessage(), e);
        }
    }
}
