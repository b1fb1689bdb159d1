package dev.ferry.jms.spec;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.DestinationPolicy;
import dev.ferry.store.MessageStore;
import dev.ferry.store.QueueStatistics;
import dev.ferry.store.Settlement;
import dev.ferry.store.StoreException;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.WakeUpListener;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A real store with a switch that makes its hot-path operations fail, for the few tests about how the provider
 * reports a store failure it cannot throw to a caller.
 */
public final class DelegatingStore implements MessageStore {

    private final MessageStore store;
    private volatile boolean failing;

    public DelegatingStore(MessageStore store) {
        this.store = store;
    }

    public void failFromNowOn(boolean failing) {
        this.failing = failing;
    }

    private void check(String operation) {
        if (failing) {
            throw new StoreException("injected failure of " + operation);
        }
    }

    @Override
    public String nodeId() {
        return store.nodeId();
    }

    @Override
    public Optional<Destination> findDestination(String name, DestinationKind kind) {
        return store.findDestination(name, kind);
    }

    @Override
    public Destination createDestinationIfAbsent(String name, DestinationKind kind) {
        return store.createDestinationIfAbsent(name, kind);
    }

    @Override
    public Destination createTemporaryDestination(String name, DestinationKind kind, String ownerConnectionId) {
        return store.createTemporaryDestination(name, kind, ownerConnectionId);
    }

    @Override
    public void deleteDestination(long destinationId) {
        store.deleteDestination(destinationId);
    }

    @Override
    public Destination updatePolicy(long destinationId, DestinationPolicy policy) {
        return store.updatePolicy(destinationId, policy);
    }

    @Override
    public List<Destination> destinations() {
        return store.destinations();
    }

    @Override
    public void commit(UnitOfWork work) {
        check("commit");
        store.commit(work);
    }

    @Override
    public List<Delivery> claim(long queueId, int max) {
        check("claim");
        return store.claim(queueId, max);
    }

    @Override
    public void settle(Collection<Settlement> settlements) {
        check("settle");
        store.settle(settlements);
    }

    @Override
    public List<Delivery> browse(long queueId, long afterDeliveryId, int max) {
        return store.browse(queueId, afterDeliveryId, max);
    }

    @Override
    public QueueStatistics statistics(long queueId) {
        return store.statistics(queueId);
    }

    @Override
    public long purge(long queueId) {
        return store.purge(queueId);
    }

    @Override
    public OptionalLong nextReadyTime(long queueId) {
        check("nextReadyTime");
        return store.nextReadyTime(queueId);
    }

    @Override
    public int recoverExpiredLeases() {
        return store.recoverExpiredLeases();
    }

    @Override
    public int expire() {
        return store.expire();
    }

    @Override
    public void addWakeUpListener(WakeUpListener listener) {
        store.addWakeUpListener(listener);
    }

    @Override
    public void removeWakeUpListener(WakeUpListener listener) {
        store.removeWakeUpListener(listener);
    }

    @Override
    public boolean claimClientId(String clientId, String connectionId, Runnable onLost) {
        return store.claimClientId(clientId, connectionId, onLost);
    }

    @Override
    public void releaseClientId(String clientId, String connectionId) {
        store.releaseClientId(clientId, connectionId);
    }

    @Override
    public boolean hearsOtherNodes() {
        return store.hearsOtherNodes();
    }

    @Override
    public void close() {
        store.close();
    }
}
