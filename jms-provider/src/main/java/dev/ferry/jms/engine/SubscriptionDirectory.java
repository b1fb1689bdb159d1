package dev.ferry.jms.engine;

import dev.ferry.jms.support.JmsExceptions;
import dev.ferry.store.ConsumerAttachment;
import dev.ferry.store.Destination;
import dev.ferry.store.MessageStore;
import dev.ferry.store.StoreException;
import dev.ferry.store.Subscription;
import dev.ferry.store.SubscriptionRequest;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;

import java.util.Optional;

/**
 * The topic subscriptions of one broker and the consumers active on them: applies the spec's rules for
 * creating, sharing, replacing and deleting subscriptions (JMS 3.1 §6.11, §8.3 and the {@code Session} javadoc)
 * on top of the store's subscription rows.
 *
 * <p>Active consumers are counted in the store per node ({@link MessageStore#attachConsumer}), so the rules that
 * depend on them hold across every node of the database: one consumer per unshared durable subscription, no
 * unsubscribe while consumed anywhere, a shared non-durable subscription deleted when its last consumer on any
 * node closes. A node that dies keeps its claims until another node finds it dead ({@code ferry.lease.timeout}).
 */
final class SubscriptionDirectory {

    /** The four kinds of subscription a consumer can ask for. */
    enum Kind {
        NON_DURABLE(false, false), SHARED(false, true), DURABLE(true, false), SHARED_DURABLE(true, true);

        final boolean durable;
        final boolean shared;

        Kind(boolean durable, boolean shared) {
            this.durable = durable;
            this.shared = shared;
        }
    }

    /** Attempts to subscribe when the subscription is deleted between finding and attaching to it. */
    private static final int ATTEMPTS = 5;

    private final MessageStore store;

    SubscriptionDirectory(MessageStore store) {
        this.store = store;
    }

    /**
     * The subscription a new consumer consumes from, created when absent, replaced when a durable one of that
     * identity differs and has no consumer, and counted as having one more active consumer.
     */
    synchronized Subscription open(BrokerConnection connection, Destination topic, Kind kind, String name,
                                   String selector, boolean noLocal) throws JMSException {
        String clientId = connection.clientId();
        if (kind == Kind.DURABLE && clientId == null) {
            throw new IllegalStateException("an unshared durable subscription needs the connection's client ID; "
                    + "set it before creating durable subscription '" + name + "' (JMS 3.1 §6.11.1)");
        }
        SubscriptionRequest request = new SubscriptionRequest(topic.id(), kind == Kind.NON_DURABLE ? null : name,
                clientId, selector, noLocal, kind.durable, kind.shared, connection.owner());
        try {
            for (int attempt = 1; ; attempt++) {
                Subscription subscription = store.subscribe(request);
                if (kind != Kind.NON_DURABLE) {
                    subscription = checkExisting(subscription, request, kind, name);
                }
                ConsumerAttachment attachment = store.attachConsumer(subscription.queueId(), kind == Kind.DURABLE);
                if (attachment == ConsumerAttachment.ATTACHED) {
                    return subscription;
                }
                if (attachment == ConsumerAttachment.BUSY) {
                    throw busy(subscription, name);
                }
                // GONE: its last consumer elsewhere closed (or its node was reaped) just now; subscribe afresh
                if (attempt == ATTEMPTS) {
                    throw new JMSException("subscription '" + name + "' to topic " + topic.name() + " was deleted "
                            + ATTEMPTS + " times while subscribing; try again");
                }
            }
        } catch (StoreException e) {
            throw JmsExceptions.fromStore("subscribing to topic " + topic.name(), e);
        }
    }

    private Subscription checkExisting(Subscription existing, SubscriptionRequest request, Kind kind, String name)
            throws JMSException {
        int consumers = store.consumerCount(existing.queueId());
        if (existing.shared() != kind.shared) {
            // Session.createDurableConsumer / createSharedDurableConsumer: the two may not share a name
            throw new JMSException("a " + (existing.shared() ? "shared" : "unshared") + " durable subscription named '"
                    + name + "' already exists for client ID " + existing.clientId() + "; a "
                    + (kind.shared ? "shared" : "unshared") + " one of the same name cannot be created");
        }
        if (!kind.shared && consumers > 0) {
            throw busy(existing, name);
        }
        if (existing.sameAs(request)) {
            return existing;
        }
        if (consumers > 0) {
            throw new JMSException("shared subscription '" + name + "' exists on topic " + existing.topicName()
                    + " with selector " + describe(existing.selector()) + " and has active consumers; it cannot be "
                    + "changed to " + describe(request.selector()) + " on topic id " + request.topicId());
        }
        // JMS 3.1 §6.11.1: a changed topic, selector or noLocal means a new subscription; the old backlog goes
        return store.replaceSubscription(existing.queueId(), request);
    }

    private static IllegalStateException busy(Subscription subscription, String name) {
        return new IllegalStateException("durable subscription '" + name + "' of client ID "
                + subscription.clientId() + " already has an active consumer (on this or another node); an "
                + "unshared durable subscription has at most one (JMS 3.1 §6.11.1)");
    }

    private static String describe(String selector) {
        return selector == null ? "(none)" : "'" + selector + "'";
    }

    /** A consumer of the subscription closed; a non-durable subscription goes with its last consumer. */
    synchronized void release(Subscription subscription) throws JMSException {
        try {
            store.detachConsumer(subscription.queueId(), !subscription.durable());
        } catch (StoreException e) {
            throw JmsExceptions.fromStore("closing a consumer of the subscription of topic "
                    + subscription.topicName(), e);
        }
    }

    /**
     * Deletes a durable subscription (Session.unsubscribe): refused while it has an active consumer or while the
     * session has consumed messages of it that are not yet acknowledged or committed.
     */
    synchronized void unsubscribe(BrokerSession session, String name) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new InvalidDestinationException("the name of the subscription to delete must not be null or empty");
        }
        String clientId = session.connection().clientId();
        try {
            Optional<Subscription> found = store.findSubscription(true, false, clientId, name);
            if (found.isEmpty()) {
                throw new InvalidDestinationException("there is no durable subscription named '" + name + "'"
                        + (clientId == null ? " without a client ID" : " for client ID " + clientId));
            }
            Subscription subscription = found.get();
            if (store.consumerCount(subscription.queueId()) > 0) {
                throw new IllegalStateException("durable subscription '" + name + "' has an active consumer (on "
                        + "this or another node); close it before unsubscribing");
            }
            if (session.holdsUnsettled(subscription.queueId())) {
                throw new IllegalStateException("durable subscription '" + name + "' has messages consumed by this "
                        + "session that are not yet acknowledged or committed");
            }
            store.deleteSubscription(subscription.queueId());
        } catch (StoreException e) {
            throw JmsExceptions.fromStore("unsubscribing " + name, e);
        }
    }
}
