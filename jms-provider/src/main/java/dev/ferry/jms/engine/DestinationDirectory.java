package dev.ferry.jms.engine;

import dev.ferry.jms.destination.FerryDestination;
import dev.ferry.jms.support.JmsExceptions;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.StoreException;
import dev.ferry.store.config.FerryConfig;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Name-to-destination lookups of one broker, cached because every send and every claim needs them. An entry is
 * re-read after {@code refreshNanos} so that policy changes made by an operator (possibly on another node) take
 * effect without a restart; destinations are created on first use when {@code ferry.destinations.autoCreate}.
 */
final class DestinationDirectory {

    /** A destination and the delivery rules resolved for it, as read at {@code loadedAt}. */
    static final class Entry {
        final Destination destination;
        final DeliveryRules rules;
        final long loadedAt;

        Entry(Destination destination, DeliveryRules rules, long loadedAt) {
            this.destination = destination;
            this.rules = rules;
            this.loadedAt = loadedAt;
        }
    }

    private final MessageStore store;
    private final FerryConfig config;
    private final boolean autoCreate;
    private final long refreshNanos;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    DestinationDirectory(MessageStore store, FerryConfig config, boolean autoCreate, long refreshNanos) {
        this.store = store;
        this.config = config;
        this.autoCreate = autoCreate;
        this.refreshNanos = refreshNanos;
    }

    /**
     * The store destination for a JMS destination: a temporary one must exist (it is never re-created once
     * deleted, JMS 3.1 §6.2.3); another is created when absent if auto-creation is on.
     */
    Entry resolve(FerryDestination destination) throws JMSException {
        String key = key(destination.name(), destination.kind());
        Entry entry = entries.get(key);
        if (entry != null && System.nanoTime() - entry.loadedAt < refreshNanos) {
            return entry;
        }
        try {
            Optional<Destination> found = store.findDestination(destination.name(), destination.kind());
            Destination resolved;
            if (found.isPresent()) {
                resolved = found.get();
            } else if (destination.isTemporary()) {
                entries.remove(key);
                throw new InvalidDestinationException("temporary " + kindName(destination.kind()) + " "
                        + destination.name() + " does not exist (it was deleted or its connection closed)");
            } else if (autoCreate) {
                resolved = store.createDestinationIfAbsent(destination.name(), destination.kind());
            } else {
                entries.remove(key);
                throw new InvalidDestinationException(kindName(destination.kind()) + " " + destination.name()
                        + " does not exist and ferry.destinations.autoCreate is false");
            }
            return remember(key, resolved);
        } catch (StoreException e) {
            throw JmsExceptions.fromStore("looking up " + destination, e);
        }
    }

    /** The current entry of a destination already resolved once (re-read when stale). */
    Entry refresh(FerryDestination destination, Entry previous) throws JMSException {
        if (System.nanoTime() - previous.loadedAt < refreshNanos) {
            return previous;
        }
        return resolve(destination);
    }

    /** Makes sure a queue used by the broker itself (dead letters) exists, whatever auto-creation says. */
    void ensureQueue(String name) {
        String key = key(name, DestinationKind.QUEUE);
        if (!entries.containsKey(key)) {
            remember(key, store.createDestinationIfAbsent(name, DestinationKind.QUEUE));
        }
    }

    Destination createTemporary(String name, DestinationKind kind, String owner) throws JMSException {
        try {
            Destination created = store.createTemporaryDestination(name, kind, owner);
            remember(key(name, kind), created);
            return created;
        } catch (StoreException e) {
            throw JmsExceptions.fromStore("creating a temporary destination", e);
        }
    }

    void delete(Destination destination) throws JMSException {
        entries.remove(key(destination.name(), destination.kind()));
        try {
            store.deleteDestination(destination.id());
        } catch (StoreException e) {
            throw JmsExceptions.fromStore("deleting " + destination.name(), e);
        }
    }

    /** Forgets a cached destination, e.g. after a send to it failed because an operator deleted it. */
    void forget(FerryDestination destination) {
        entries.remove(key(destination.name(), destination.kind()));
    }

    private Entry remember(String key, Destination destination) {
        Entry entry = new Entry(destination, DeliveryRules.resolve(destination.policy(), config), System.nanoTime());
        entries.put(key, entry);
        return entry;
    }

    private static String key(String name, DestinationKind kind) {
        return kind.code() + name;
    }

    static String kindName(DestinationKind kind) {
        return kind == DestinationKind.QUEUE ? "queue" : "topic";
    }
}
