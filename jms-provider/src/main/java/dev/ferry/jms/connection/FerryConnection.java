package dev.ferry.jms.connection;

import dev.ferry.jms.destination.FerryDestination;
import dev.ferry.jms.destination.FerryTemporaryQueue;
import dev.ferry.jms.destination.FerryTemporaryTopic;
import dev.ferry.jms.destination.TemporaryDestinationOwner;
import dev.ferry.jms.engine.Broker;
import dev.ferry.jms.engine.BrokerConnection;
import dev.ferry.jms.engine.BrokerSession;
import dev.ferry.jms.session.FerrySession;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * A JMS connection (JMS 3.1 §6.1): client identifier, start/stop of delivery, exception listener, sessions and
 * temporary destinations. Thread-safe. Its {@link BrokerConnection} does the work.
 */
public class FerryConnection implements QueueConnection, TopicConnection, TemporaryDestinationOwner {

    private final BrokerConnection engine;
    private final Set<FerrySession> sessions = new CopyOnWriteArraySet<>();
    private final boolean clientIdPreset;
    private volatile ExceptionListener exceptionListener;
    // guarded by this: once anything but the client ID was done, the client ID can no longer be set (§6.1.2)
    private boolean used;

    protected FerryConnection(BrokerConnection engine, boolean clientIdPreset) {
        this.engine = engine;
        this.clientIdPreset = clientIdPreset;
        engine.onFailure(this::notifyExceptionListener);
    }

    /** Opens a connection: starts or joins the broker of the configuration, authenticates, presets the client ID. */
    static FerryConnection open(FerryConfig config, String user, String password) throws JMSException {
        return open(config, user, password, FerryConnection::new);
    }

    /** As {@link #open(FerryConfig, String, String)}, the connection object made by {@code maker} (XA). */
    protected static <C extends FerryConnection> C open(FerryConfig config, String user, String password,
                                                        java.util.function.BiFunction<BrokerConnection, Boolean, C> maker)
            throws JMSException {
        Broker broker = Broker.acquire(config);
        BrokerConnection engine = null;
        try {
            String effectiveUser = broker.authenticate(user, password);
            engine = broker.connect(effectiveUser);
            String presetClientId = config.get(FerryProperties.CLIENT_ID);
            if (presetClientId != null && !presetClientId.isEmpty()) {
                engine.setClientId(presetClientId);
            }
            return maker.apply(engine, presetClientId != null && !presetClientId.isEmpty());
        } catch (JMSException | RuntimeException e) {
            if (engine != null) {
                engine.close();
            } else {
                broker.release();
            }
            throw e;
        }
    }

    public BrokerConnection engine() {
        return engine;
    }

    // ---- sessions -----------------------------------------------------------------------------------------

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted ? Session.SESSION_TRANSACTED : checkAcknowledgeMode(acknowledgeMode),
                FerrySession.Domain.ANY);
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        if (sessionMode != Session.SESSION_TRANSACTED) {
            checkAcknowledgeMode(sessionMode);
        }
        return createSession(sessionMode, FerrySession.Domain.ANY);
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(Session.AUTO_ACKNOWLEDGE, FerrySession.Domain.ANY);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted ? Session.SESSION_TRANSACTED : checkAcknowledgeMode(acknowledgeMode),
                FerrySession.Domain.QUEUE);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted ? Session.SESSION_TRANSACTED : checkAcknowledgeMode(acknowledgeMode),
                FerrySession.Domain.TOPIC);
    }

    /** Creates a session object of another kind (XA) over a new engine session of {@code mode}. */
    protected <S extends FerrySession> S createSession(int mode,
                                                       java.util.function.Function<BrokerSession, S> maker)
            throws JMSException {
        checkOpen();
        markUsed();
        S session = maker.apply(engine.createSession(mode));
        sessions.add(session);
        return session;
    }

    private FerrySession createSession(int mode, FerrySession.Domain domain) throws JMSException {
        checkOpen();
        markUsed();
        FerrySession session = new FerrySession(this, engine.createSession(mode), domain);
        sessions.add(session);
        return session;
    }

    /** Session modes other than transacted (JMS 3.1 §6.2.7). */
    public static int checkAcknowledgeMode(int mode) throws JMSException {
        if (mode != Session.AUTO_ACKNOWLEDGE && mode != Session.CLIENT_ACKNOWLEDGE
                && mode != Session.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSException("invalid acknowledge mode " + mode + "; expected AUTO_ACKNOWLEDGE (1), "
                    + "CLIENT_ACKNOWLEDGE (2), DUPS_OK_ACKNOWLEDGE (3) or, for a transacted session, "
                    + "SESSION_TRANSACTED (0)");
        }
        return mode;
    }

    public void sessionClosed(FerrySession session) {
        sessions.remove(session);
    }

    // ---- client identifier --------------------------------------------------------------------------------

    @Override
    public String getClientID() throws JMSException {
        checkOpen();
        return engine.clientId();
    }

    /**
     * Sets the client identifier: once, immediately after creation, never over an administratively preset one
     * ({@link IllegalStateException}); unique among this broker's open connections
     * ({@link jakarta.jms.InvalidClientIDException}), JMS 3.1 §6.1.2.
     */
    @Override
    public synchronized void setClientID(String clientID) throws JMSException {
        checkOpen();
        if (clientIdPreset) {
            throw new IllegalStateException("the client ID is preset to '" + engine.clientId()
                    + "' by ferry.clientID and cannot be changed");
        }
        if (engine.clientId() != null) {
            throw new IllegalStateException("the client ID is already set to '" + engine.clientId() + "'");
        }
        if (used) {
            throw new IllegalStateException("the client ID must be set before any other action on the connection");
        }
        engine.setClientId(clientID);
    }

    private synchronized void markUsed() {
        used = true;
    }

    // ---- metadata, listener -------------------------------------------------------------------------------

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkOpen();
        return FerryConnectionMetaData.INSTANCE;
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkOpen();
        this.exceptionListener = listener;
    }

    private void notifyExceptionListener(JMSException failure) {
        ExceptionListener listener = exceptionListener;
        if (listener != null) {
            listener.onException(failure);
        }
    }

    // ---- delivery -----------------------------------------------------------------------------------------

    @Override
    public void start() throws JMSException {
        checkOpen();
        markUsed();
        engine.start();
    }

    /**
     * Pauses delivery and waits for running listeners (JMS 3.1 §6.1.5). A listener may not stop its own
     * connection: that would wait for itself (§6.1.5, A.1.19).
     */
    @Override
    public void stop() throws JMSException {
        checkOpen();
        markUsed();
        if (engine.isCallbackThread()) {
            throw new IllegalStateException("a message or completion listener must not stop its own connection");
        }
        engine.stop();
    }

    /**
     * Closes the connection and everything in it (JMS 3.1 §6.1.8): running listeners finish, blocked receives
     * return {@code null}, transactions roll back, temporary destinations are deleted. Idempotent; not allowed
     * from the connection's own listeners.
     */
    @Override
    public void close() throws JMSException {
        if (engine.isClosed()) {
            return;
        }
        if (engine.isCallbackThread()) {
            throw new IllegalStateException("a message or completion listener must not close its own connection");
        }
        // The broker side closes every session (and through them consumers and producers) in turn.
        engine.close();
        sessions.clear();
    }

    public boolean isClosed() {
        return engine.isClosed();
    }

    // ---- temporary destinations ---------------------------------------------------------------------------

    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        return new FerryTemporaryQueue(engine.createTemporary(DestinationKind.QUEUE).name(), this);
    }

    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        return new FerryTemporaryTopic(engine.createTemporary(DestinationKind.TOPIC).name(), this);
    }

    @Override
    public void deleteTemporary(FerryDestination destination) throws JMSException {
        checkOpen();
        engine.deleteTemporary(destination);
    }

    // ---- application-server facilities (optional, JMS 3.1 §9) --------------------------------------------

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw connectionConsumersUnsupported();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw connectionConsumersUnsupported();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw connectionConsumersUnsupported();
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName,
                                                             String messageSelector, ServerSessionPool sessionPool,
                                                             int maxMessages) throws JMSException {
        throw connectionConsumersUnsupported();
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                              String messageSelector, ServerSessionPool sessionPool,
                                                              int maxMessages) throws JMSException {
        throw connectionConsumersUnsupported();
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                                    String messageSelector,
                                                                    ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw connectionConsumersUnsupported();
    }

    private JMSException connectionConsumersUnsupported() throws JMSException {
        checkOpen();
        // JMS 3.1 §9: an optional facility for application servers; Ferry's resource adapter is its server path
        return new JMSException("connection consumers and ServerSessionPools (the optional application-server "
                + "facility, JMS 3.1 §9) are not supported by Ferry: use a MessageListener on a consumer, or "
                + "message-driven beans through Ferry's resource adapter");
    }

    private void checkOpen() throws IllegalStateException {
        if (engine.isClosed()) {
            throw new IllegalStateException("the connection is closed");
        }
    }

    @Override
    public String toString() {
        return "FerryConnection[" + engine + "]";
    }
}
