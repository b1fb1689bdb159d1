package dev.ferry.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one JMS transaction (or one auto-acknowledged step) changes, applied by
 * {@link MessageStore#commit(UnitOfWork)} in a single database transaction: all of it or none of it.
 * Not thread-safe; owned by one session.
 */
public final class UnitOfWork {

    private final List<Send> sends = new ArrayList<>();
    private final List<Long> acknowledgements = new ArrayList<>();
    private final List<Settlement> settlements = new ArrayList<>();

    public UnitOfWork send(long destinationId, MessageRecord message) {
        sends.add(new Send(destinationId, message));
        return this;
    }

    /** A send that names its publishing connection, so that noLocal subscriptions can leave it out. */
    public UnitOfWork send(long destinationId, MessageRecord message, String publisher, String publisherClientId) {
        sends.add(new Send(destinationId, message, publisher, publisherClientId));
        return this;
    }

    public UnitOfWork send(Send send) {
        sends.add(send);
        return this;
    }

    /** The delivery was consumed: it is deleted, and its message once no other delivery refers to it. */
    public UnitOfWork acknowledge(long deliveryId) {
        acknowledgements.add(deliveryId);
        return this;
    }

    public UnitOfWork settle(Settlement settlement) {
        settlements.add(settlement);
        return this;
    }

    public List<Send> sends() {
        return sends;
    }

    public List<Long> acknowledgements() {
        return acknowledgements;
    }

    public List<Settlement> settlements() {
        return settlements;
    }

    public boolean isEmpty() {
        return sends.isEmpty() && acknowledgements.isEmpty() && settlements.isEmpty();
    }

    public void clear() {
        sends.clear();
        acknowledgements.clear();
        settlements.clear();
    }
}
