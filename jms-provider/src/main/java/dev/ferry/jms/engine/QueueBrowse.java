package dev.ferry.jms.engine;

import dev.ferry.jms.destination.FerryDestination;
import dev.ferry.jms.message.FerryMessage;
import dev.ferry.jms.selector.MessageSelector;
import dev.ferry.jms.support.JmsExceptions;
import dev.ferry.store.Delivery;
import dev.ferry.store.StoreException;
import jakarta.jms.JMSException;

import java.util.ArrayDeque;
import java.util.List;

/**
 * One pass of a queue browser over a queue (JMS 3.1 §6.2.9): pages of {@link dev.ferry.store.MessageStore#browse}
 * read as the application advances, so the view is live rather than a snapshot. Shows messages that are ready or
 * in flight; skips expired ones and those whose delivery time is still ahead. Takes no lease.
 */
public final class QueueBrowse {

    static final int PAGE_SIZE = 100;

    private final Broker broker;
    private final FerryDestination queue;
    private final long queueId;
    private final MessageSelector selector;
    private final ArrayDeque<Delivery> page = new ArrayDeque<>();
    private long lastDeliveryId;
    private boolean exhausted;
    private boolean sawExpired;

    QueueBrowse(Broker broker, FerryDestination queue, long queueId, MessageSelector selector) {
        this.broker = broker;
        this.queue = queue;
        this.queueId = queueId;
        this.selector = selector;
    }

    /** Starts browsing a queue, creating it on first use like a consumer would. */
    public static QueueBrowse of(BrokerSession session, FerryDestination queue) throws JMSException {
        return of(session, queue, MessageSelector.ALL);
    }

    /** Starts browsing the messages of a queue that the selector matches (JMS 3.1 §4.9). */
    public static QueueBrowse of(BrokerSession session, FerryDestination queue, MessageSelector selector)
            throws JMSException {
        Broker broker = session.broker();
        return new QueueBrowse(broker, queue, broker.destinations().resolve(queue).destination.queueId(), selector);
    }

    public boolean hasNext() throws JMSException {
        fill();
        return !page.isEmpty();
    }

    /** The next message, read-only, or {@code null} at the end. */
    public FerryMessage next() throws JMSException {
        fill();
        Delivery delivery = page.pollFirst();
        return delivery == null ? null : broker.codec().decode(delivery);
    }

    private boolean matches(Delivery delivery) {
        return new SelectorFilter(selector, broker.codec()).accepts(delivery);
    }

    private void fill() throws JMSException {
        while (page.isEmpty() && !exhausted) {
            List<Delivery> read;
            try {
                read = broker.store().browse(queueId, lastDeliveryId, PAGE_SIZE);
            } catch (StoreException e) {
                throw JmsExceptions.fromStore("browsing " + queue, e);
            }
            if (read.size() < PAGE_SIZE) {
                exhausted = true;
            }
            long now = System.currentTimeMillis();
            for (Delivery delivery : read) {
                lastDeliveryId = delivery.deliveryId();
                boolean expired = ExpiryHousekeeping.isExpired(delivery, now);
                boolean scheduled = delivery.message().deliveryTime() > now;
                sawExpired |= expired;
                if (!expired && !scheduled && (selector.selectsAll() || matches(delivery))) {
                    page.addLast(delivery);
                }
            }
            if (sawExpired) {
                // handled now rather than at the next housekeeping run
                ExpiryHousekeeping.expireNow(broker.store());
                sawExpired = false;
            }
        }
    }
}
