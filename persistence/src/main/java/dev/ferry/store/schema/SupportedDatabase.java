package dev.ferry.store.schema;

import dev.ferry.store.StoreException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The databases whose migrations and SQL the store carries (DESIGN.md #7: others only where tests prove them). */
public enum SupportedDatabase {
    H2("h2"),
    POSTGRESQL("postgresql");

    private final String migrationFolder;

    SupportedDatabase(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    public String migrationFolder() {
        return migrationFolder;
    }

    public static SupportedDatabase of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String normalized = product.toLowerCase(Locale.ROOT);
        if (normalized.startsWith("h2")) {
            return H2;
        }
        if (normalized.startsWith("postgresql")) {
            return POSTGRESQL;
        }
        throw new StoreException("unsupported database '" + product + "': Ferry's store runs on H2 and PostgreSQL");
    }
}
