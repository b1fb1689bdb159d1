package dev.ferry.store.database;

import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.testing.StoreRows;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaValidationTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void entitiesMatchTheMigratedSchema(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();

        // Hibernate's hbm2ddl=validate fails the open when a mapped table or column is missing or mistyped
        try (DatabaseMessageStore store = DatabaseMessageStore.open(config, true)) {
            assertThat(store.nodeId()).isNotBlank();
            assertThat(StoreRows.count(config, "ferry_node")).isEqualTo(1);
        }
        assertThat(StoreRows.count(config, "\"ferry_schema_history\"")).isPositive();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void secondOpenFindsTheSchemaCurrent(TestDatabase database) {
        FerryConfig config = database.newConfig();
        DatabaseMessageStore.open(config).close();

        try (DatabaseMessageStore store = DatabaseMessageStore.open(config, true)) {
            assertThat(store.destinations()).isEmpty();
        }
    }
}
