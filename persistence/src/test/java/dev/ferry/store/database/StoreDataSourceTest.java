package dev.ferry.store.database;

import dev.ferry.store.MessageStores;
import dev.ferry.store.StoreException;
import dev.ferry.store.config.FerryConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreDataSourceTest {

    @Test
    void h2UrlGetsADurableCommitUnlessItChoosesAWriteDelay() {
        assertThat(StoreDataSource.withDurableCommit("jdbc:h2:file:./ferry-data/ferry"))
                .isEqualTo("jdbc:h2:file:./ferry-data/ferry;WRITE_DELAY=0");
        assertThat(StoreDataSource.withDurableCommit("jdbc:h2:file:/x;write_delay=100"))
                .isEqualTo("jdbc:h2:file:/x;write_delay=100");
        assertThat(StoreDataSource.withDurableCommit("jdbc:postgresql://db/ferry"))
                .isEqualTo("jdbc:postgresql://db/ferry");
    }

    @Test
    void onlyAnEmbeddedH2WithoutAutoServerIsExclusiveToThisJvm() {
        assertThat(StoreDataSource.isExclusiveEmbedded("jdbc:h2:file:./ferry-data/ferry")).isTrue();
        assertThat(StoreDataSource.isExclusiveEmbedded("jdbc:h2:./data;AUTO_SERVER=TRUE")).isFalse();
        assertThat(StoreDataSource.isExclusiveEmbedded("jdbc:h2:tcp://host/ferry")).isFalse();
    }

    @Test
    void unreachableDatabaseFailsWithItsUrlInTheMessage() {
        FerryConfig config = FerryConfig.of(Map.of("ferry.jdbc.url", "jdbc:postgresql://127.0.0.1:1/nothing",
                "ferry.jdbc.user", "nobody"));

        assertThatThrownBy(() -> MessageStores.open(config)).isInstanceOf(StoreException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/nothing");
    }

    @Test
    void unknownJndiDataSourceFailsWithItsNameInTheMessage() {
        FerryConfig config = FerryConfig.of(Map.of("ferry.datasource", "java:comp/env/jdbc/missing"));

        assertThatThrownBy(() -> MessageStores.open(config)).isInstanceOf(StoreException.class)
                .hasMessageContaining("java:comp/env/jdbc/missing");
    }
}
