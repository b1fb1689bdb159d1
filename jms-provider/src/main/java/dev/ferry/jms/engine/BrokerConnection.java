package dev.ferry.jms.engine;

import dev.ferry.jms.destination.FerryDestination;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * The broker side of one JMS connection: whether delivery is started, its sessions, its client identifier and
 * the temporary destinations it owns. Thread-safe, as a JMS connection is (JMS 3.1 §2.8).
 */
public final class BrokerConnection {

    private static final System.Logger LOG = System.getLogger(BrokerConnection.class.getName());

    private final Broker broker;
    private final String id;
    private final String owner;
    private final String user;
    private final Set<BrokerSession> sessions = new CopyOnWriteArraySet<>();
    private final Map<String, Destination> temporaries = new ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile boolean closed;
    private volatile Consumer<JMSException> failureSink;
    private String clientId;

    BrokerConnection(Broker broker, String id, String user) {
        this.broker = broker;
        this.id = id;
        this.owner = broker.store().nodeId() + "/" + id;
        this.user = user;
    }

    public Broker broker() {
        return broker;
    }

    public String id() {
        return id;
    }

    /** Owner recorded on this connection's temporary destinations: node id and connection id. */
    public String owner() {
        return owner;
    }

    /** The authenticated user this connection acts as, or {@code null}. */
    public String user() {
        return user;
    }

    public boolean isClosed() {
        return closed;
    }

    // ---- client identifier --------------------------------------------------------------------------------

    /**
     * Reserves the client identifier among the open connections of every node on the store (JMS 3.1 §6.1.2).
     * Should this node be taken for dead (a pause longer than the lease) and another node's connection take the
     * identifier meanwhile, the ExceptionListener is told: the identifier is no longer this connection's.
     */
    public synchronized void setClientId(String clientId) throws JMSException {
        if (clientId == null || clientId.isEmpty()) {
            throw new InvalidClientIDException("client ID must not be null or empty");
        }
        broker.claimClientId(clientId, id, () -> reportFailure(new InvalidClientIDException("client ID '"
                + clientId + "' was taken by a connection of another node while this node was taken for dead; "
                + "close this connection")));
        this.clientId = clientId;
    }

    public synchronized String clientId() {
        return clientId;
    }

    // ---- delivery -----------------------------------------------------------------------------------------

    public BrokerSession createSession(int mode) {
        BrokerSession session = new BrokerSession(this, mode);
        sessions.add(session);
        return session;
    }

    void sessionClosed(BrokerSession session) {
        sessions.remove(session);
    }

    public boolean isStarted() {
        return started;
    }

    public void start() {
        started = true;
        for (BrokerSession session : sessions) {
            session.doorbell().ring();
        }
    }

    /** Stops delivery and waits until no listener of this connection is running (JMS 3.1 §6.1.5). */
    public void stop() {
        started = false;
        for (BrokerSession session : sessions) {
            session.awaitDeliveryIdle();
        }
    }

    /** Whether the caller is inside a message listener or completion listener of this connection. */
    public boolean isCallbackThread() {
        for (BrokerSession session : sessions) {
            if (session.isDeliveryThread() || session.isCompletionThread()) {
                return true;
            }
        }
        return false;
    }

    public void onFailure(Consumer<JMSException> sink) {
        this.failureSink = sink;
    }

    /** A failure no application call could be told of (in listener delivery) goes to the ExceptionListener. */
    void reportFailure(JMSException failure) {
        Consumer<JMSException> sink = failureSink;
        if (sink == null) {
            LOG.log(System.Logger.Level.WARNING, "message delivery failed and no ExceptionListener is set", failure);
            return;
        }
        try {
            sink.accept(failure);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "ExceptionListener threw", e);
        }
    }

    // ---- temporary destinations ---------------------------------------------------------------------------

    /** Creates a temporary destination owned by this connection, named uniquely across nodes. */
    public Destination createTemporary(DestinationKind kind) throws JMSException {
        String name = (kind == DestinationKind.QUEUE ? "TQ-" : "TT-") + UUID.randomUUID();
        Destination created = broker.destinations().createTemporary(name, kind, owner);
        temporaries.put(name, created);
        return created;
    }

    /**
     * Deletes a temporary destination of this connection. Refused while a consumer of the connection is still
     * open on it (JMS 3.1 §6.2.3: "If there are existing receivers still using it, a JMSException").
     */
    public void deleteTemporary(FerryDestination destination) throws JMSException {
        Destination stored = temporaries.get(destination.name());
        if (stored == null || stored.kind() != destination.kind()) {
            throw new InvalidDestinationException("temporary destination " + destination
                    + " was not created by this connection or is already deleted");
        }
        int consumers = 0;
        for (BrokerSession session : sessions) {
            consumers += session.consumersOn(stored.id());
        }
        if (consumers > 0) {
            throw new JMSException("temporary destination " + destination + " still has " + consumers
                    + " open consumer(s); close them before deleting it");
        }
        temporaries.remove(destination.name());
        broker.destinations().delete(stored);
    }

    // ---- closing ------------------------------------------------------------------------------------------

    /**
     * Closes every session (each waiting for its running listener and ending blocked receives), deletes the
     * temporary destinations, frees the client identifier and releases the broker.
     */
    public void close() throws JMSException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        started = false;
        JMSException failure = null;
        for (BrokerSession session : new ArrayList<>(sessions)) {
            try {
                session.close();
            } catch (JMSException e) {
                failure = failure == null ? e : failure;
            }
        }
        List<Destination> owned = new ArrayList<>(temporaries.values());
        temporaries.clear();
        for (Destination temporary : owned) {
            try {
                broker.destinations().delete(temporary);
            } catch (JMSException e) {
                failure = failure == null ? e : failure;
            }
        }
        synchronized (this) {
            if (clientId != null) {
                try {
                    broker.releaseClientId(clientId, id);
                } catch (JMSException e) {
                    failure = failure == null ? e : failure;
                }
            }
        }
        broker.release();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "BrokerConnection[" + owner + (clientId == null ? "" : ", clientID " + clientId) + "]";
    }
}
