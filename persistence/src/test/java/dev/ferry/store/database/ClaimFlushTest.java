package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.testing.Messages;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ferry.claim.flush} on PostgreSQL, observed through PostgreSQL's own count of WAL writes: a commit that
 * waits for its WAL writes (and, with {@code fsync=on}, flushes) it before it returns; one that does not leaves it
 * to the WAL writer, which writes in the background a few times a second. The test server runs with
 * {@code fsync=off} and {@code synchronous_commit=off}, so the test's database turns synchronous commits back on.
 */
class ClaimFlushTest {

    private static final int CLAIMS = 150;

    @Test
    void claimsDoNotFlushTheWalByDefault() throws Exception {
        long writes = walWritesOfClaims(synchronousCommits(TestDatabase.POSTGRES.newConfig()));
        // the WAL writer flushes unflushed commits in the background a few times a second, no more
        assertThat(writes).as("WAL writes of commits during %d claims", CLAIMS).isLessThan(CLAIMS / 3);
    }

    @Test
    void everyClaimFlushesTheWalWhenAskedTo() throws Exception {
        long writes = walWritesOfClaims(synchronousCommits(TestDatabase.POSTGRES.newConfig(
                Map.of(FerryProperties.CLAIM_FLUSH.key(), "true"))));
        assertThat(writes).as("WAL writes of commits during %d claims", CLAIMS).isGreaterThanOrEqualTo(CLAIMS);
    }

    @Test
    void anUnflushedClaimIsVisibleToOtherNodesAndItsAcknowledgementCommitsIt() throws Exception {
        FerryConfig config = synchronousCommits(TestDatabase.POSTGRES.newConfig());
        try (MessageStore store = MessageStores.open(config); MessageStore other = MessageStores.open(config)) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("one")));
            Delivery claimed = store.claim(queue.queueId(), 1).get(0);

            assertThat(other.claim(queue.queueId(), 1)).as("leased by the first node").isEmpty();
            store.commit(new UnitOfWork().acknowledge(claimed.deliveryId()));
            assertThat(other.claim(queue.queueId(), 1)).isEmpty();
            try (MessageStore reopened = MessageStores.open(config)) {
                assertThat(reopened.claim(queue.queueId(), 1)).as("consumed").isEmpty();
            }
        }
    }

    private static FerryConfig synchronousCommits(FerryConfig config) throws SQLException {
        try (Connection connection = TestDatabase.connect(config); Statement statement = connection.createStatement();
             ResultSet name = statement.executeQuery("SELECT current_database()")) {
            name.next();
            try (Statement alter = connection.createStatement()) {
                alter.execute("ALTER DATABASE \"" + name.getString(1) + "\" SET synchronous_commit TO on");
            }
        }
        return config;
    }

    /**
     * WAL writes PostgreSQL counted while a store opened, made {@link #CLAIMS} claims of one delivery each and
     * closed. PostgreSQL 14 backends report their counts when they end, so each measurement closes the store.
     */
    private static long walWritesOfClaims(FerryConfig config) throws Exception {
        long queueId;
        try (MessageStore store = MessageStores.open(config)) {
            Destination queue = store.createDestinationIfAbsent("claims", DestinationKind.QUEUE);
            queueId = queue.queueId();
            UnitOfWork sends = new UnitOfWork();
            for (int i = 0; i < CLAIMS; i++) {
                sends.send(queue.id(), Messages.text("m" + i));
            }
            store.commit(sends);
        }
        long before = walWrites(config);
        List<Delivery> claimed = new ArrayList<>();
        try (MessageStore store = MessageStores.open(config)) {
            for (int i = 0; i < CLAIMS; i++) {
                claimed.addAll(store.claim(queueId, 1));
            }
        }
        long after = walWrites(config);
        assertThat(claimed).hasSize(CLAIMS);
        return after - before;
    }

    private static long walWrites(FerryConfig config) throws SQLException, InterruptedException {
        Thread.sleep(700); // backends report their statistics at most every 500 ms
        try (Connection connection = TestDatabase.connect(config); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet row = statement.executeQuery("SELECT wal_write FROM pg_stat_wal")) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
