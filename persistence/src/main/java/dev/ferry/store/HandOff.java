package dev.ferry.store;

/**
 * A consumer of this node that waits on a queue with nothing to do, offered a message as it is sent: the store
 * inserts the delivery already leased to this node (delivery count 1, exactly as a claim would leave it) and,
 * once the transaction has committed, hands the delivery over, so the consumer needs no claim of its own. A
 * crash before the consumer acknowledges returns the delivery to the queue like any leased one (DESIGN.md #2).
 */
@FunctionalInterface
public interface HandOff {

    /**
     * The committed delivery. Called once, after the commit, by the thread that ran it (which may be committing
     * other sessions' work too): it must not block and must not call the store.
     */
    void accept(Delivery delivery);
}
