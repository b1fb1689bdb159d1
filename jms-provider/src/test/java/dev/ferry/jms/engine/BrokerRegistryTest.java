package dev.ferry.jms.engine;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.DestinationPolicy;
import dev.ferry.store.MessageStore;
import dev.ferry.store.QueueStatistics;
import dev.ferry.store.Settlement;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.WakeUpListener;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One broker per configuration per JVM, its store closed with the last reference. */
class BrokerRegistryTest {

    /** A store that does nothing but count how often it is opened and closed. */
    private static final class CountingStore implements MessageStore {
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger listeners = new AtomicInteger();
        final java.util.Map<String, String> clientIds = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public boolean claimClientId(String clientId, String connectionId, Runnable onLost) {
            return clientIds.putIfAbsent(clientId, connectionId) == null;
        }

        @Override
        public void releaseClientId(String clientId, String connectionId) {
            clientIds.remove(clientId, connectionId);
        }

        @Override
        public String nodeId() {
            return "test-node";
        }

        @Override
        public Optional<Destination> findDestination(String name, DestinationKind kind) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Destination createDestinationIfAbsent(String name, DestinationKind kind) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Destination createTemporaryDestination(String name, DestinationKind kind, String owner) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteDestination(long destinationId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Destination updatePolicy(long destinationId, DestinationPolicy policy) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Destination> destinations() {
            return List.of();
        }

        @Override
        public void commit(UnitOfWork work) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Delivery> claim(long queueId, int max) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void settle(Collection<Settlement> settlements) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Delivery> browse(long queueId, long afterDeliveryId, int max) {
            throw new UnsupportedOperationException();
        }

        @Override
        public QueueStatistics statistics(long queueId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long purge(long queueId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OptionalLong nextReadyTime(long queueId) {
            return OptionalLong.empty();
        }

        @Override
        public int recoverExpiredLeases() {
            return 0;
        }

        @Override
        public int expire() {
            return 0;
        }

        @Override
        public void addWakeUpListener(WakeUpListener listener) {
            listeners.incrementAndGet();
        }

        @Override
        public void removeWakeUpListener(WakeUpListener listener) {
            listeners.decrementAndGet();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private static FerryConfig uniqueConfig() {
        return FerryConfig.of(Map.of(FerryProperties.JDBC_URL.key(), "jdbc:test:" + UUID.randomUUID()));
    }

    @Test
    void equalConfigurationsShareOneBroker() throws JMSException {
        FerryConfig config = uniqueConfig();
        AtomicInteger opens = new AtomicInteger();
        CountingStore store = new CountingStore();

        Broker first = Broker.acquire(config, c -> {
            opens.incrementAndGet();
            return store;
        });
        Broker second = Broker.acquire(FerryConfig.of(config.explicitValues()), c -> {
            opens.incrementAndGet();
            return new CountingStore();
        });
        try {
            assertThat(second).isSameAs(first);
            assertThat(opens.get()).isEqualTo(1);
            assertThat(store.listeners.get()).isEqualTo(1);
        } finally {
            first.release();
            second.release();
        }
    }

    @Test
    void storeClosesWithTheLastReference() throws JMSException {
        FerryConfig config = uniqueConfig();
        CountingStore store = new CountingStore();
        Broker first = Broker.acquire(config, c -> store);
        Broker second = Broker.acquire(config, c -> store);

        first.release();
        assertThat(store.closes.get()).isZero();
        second.release();

        assertThat(store.closes.get()).isEqualTo(1);
        assertThat(store.listeners.get()).isZero();
    }

    @Test
    void brokerIsStartedAgainAfterItClosed() throws JMSException {
        FerryConfig config = uniqueConfig();
        CountingStore firstStore = new CountingStore();
        CountingStore secondStore = new CountingStore();
        Broker first = Broker.acquire(config, c -> firstStore);
        first.release();

        Broker second = Broker.acquire(config, c -> secondStore);
        try {
            assertThat(second).isNotSameAs(first);
            assertThat(firstStore.closes.get()).isEqualTo(1);
            assertThat(secondStore.closes.get()).isZero();
        } finally {
            second.release();
        }
    }

    @Test
    void storeThatCannotBeOpenedIsAJmsExceptionWithTheCause() {
        FerryConfig config = uniqueConfig();
        IllegalStateException cause = new IllegalStateException("database unreachable");

        assertThatThrownBy(() -> Broker.acquire(config, c -> {
            throw cause;
        })).isInstanceOf(JMSException.class).hasMessageContaining("database unreachable").hasCause(cause);
    }

    @Test
    void aClientIdTheStoreRefusesIsAnInvalidClientIdAndItsReleaseNamesTheConnection() throws JMSException {
        FerryConfig config = uniqueConfig();
        CountingStore store = new CountingStore();
        Broker broker = Broker.acquire(config, c -> store);
        try {
            broker.claimClientId("alpha", "c1", null);

            assertThatThrownBy(() -> broker.claimClientId("alpha", "c2", null))
                    .isInstanceOf(jakarta.jms.InvalidClientIDException.class).hasMessageContaining("alpha");
            broker.releaseClientId("alpha", "c2");
            assertThat(store.clientIds).containsEntry("alpha", "c1");
            broker.releaseClientId("alpha", "c1");
            broker.claimClientId("alpha", "c2", null);
            assertThat(store.clientIds).containsEntry("alpha", "c2");
        } finally {
            broker.release();
        }
    }

    @Test
    void messageIdsAreUniqueAndPrefixed() throws JMSException {
        Broker broker = Broker.acquire(uniqueConfig(), c -> new CountingStore());
        try {
            String first = broker.nextMessageId();
            String second = broker.nextMessageId();

            assertThat(first).startsWith("ID:");
            assertThat(second).startsWith("ID:").isNotEqualTo(first);
        } finally {
            broker.release();
        }
    }
}
