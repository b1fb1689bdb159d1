package dev.ferry.jms.engine;

import dev.ferry.store.Delivery;
import dev.ferry.store.Send;
import dev.ferry.store.Settlement;
import dev.ferry.store.UnitOfWork;

import java.util.ArrayList;
import java.util.List;

/**
 * What the sessions associated with one XA transaction branch did: the messages they sent (encoded, not yet
 * stored) and the deliveries they consumed (still leased by this node). Guarded by its branch.
 */
public final class BranchWork {

    private record Consumed(Delivery delivery, DeliveryRules rules, String queueName) {
    }

    private final List<Send> sends = new ArrayList<>();
    private final List<Consumed> consumed = new ArrayList<>();

    void send(Send send) {
        sends.add(send);
    }

    void consumed(Delivery delivery, DeliveryRules rules, String queueName) {
        consumed.add(new Consumed(delivery, rules, queueName));
    }

    /** Adds the work another association (a join, a resumed association) did. */
    void append(BranchWork other) {
        sends.addAll(other.sends);
        consumed.addAll(other.consumed);
    }

    public boolean isEmpty() {
        return sends.isEmpty() && consumed.isEmpty();
    }

    public int sendCount() {
        return sends.size();
    }

    public int consumedCount() {
        return consumed.size();
    }

    /** The sends and acknowledgements, for one-phase commit or prepare. */
    UnitOfWork toUnitOfWork() {
        UnitOfWork work = new UnitOfWork();
        sends.forEach(work::send);
        consumed.forEach(c -> work.acknowledge(c.delivery().deliveryId()));
        return work;
    }

    /**
     * How the consumed deliveries go back when the branch rolls back before it was prepared: like a rolled-back
     * local transaction, redelivered under the destination's redelivery policy or dead-lettered.
     */
    List<Settlement> returnSettlements(long now) {
        List<Settlement> settlements = new ArrayList<>(consumed.size());
        for (Consumed c : consumed) {
            settlements.add(c.rules().deadLetters().returned(c.delivery(), c.queueName(), c.rules().redelivery(), now));
        }
        return settlements;
    }

    void clear() {
        sends.clear();
        consumed.clear();
    }
}
