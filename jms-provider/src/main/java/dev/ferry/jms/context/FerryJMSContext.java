package dev.ferry.jms.context;

import dev.ferry.jms.connection.FerryConnection;
import dev.ferry.jms.destination.FerryDestination;
import dev.ferry.jms.destination.FerryQueue;
import dev.ferry.jms.destination.FerryTopic;
import dev.ferry.jms.session.FerryMessageConsumer;
import dev.ferry.jms.session.FerryMessageProducer;
import dev.ferry.jms.session.FerrySession;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.io.Serializable;

import static dev.ferry.jms.support.JmsExceptions.unchecked;
import static dev.ferry.jms.support.JmsExceptions.uncheckedRun;

/**
 * The simplified API's context (JMS 3.1 §2.7): a connection and a session in one object. Contexts made with
 * {@link #createContext(int)} share the connection, which closes with the last of them. The session is created
 * on first need, so that {@link #setClientID} is still possible right after the context was created.
 */
public class FerryJMSContext implements JMSContext {

    /** The connection shared by a context and the contexts created from it. */
    private static final class SharedConnection {
        final FerryConnection connection;
        private int users = 1;

        SharedConnection(FerryConnection connection) {
            this.connection = connection;
        }

        synchronized void acquire() {
            users++;
        }

        /** @return whether this was the last user */
        synchronized boolean release() {
            return --users == 0;
        }
    }

    private final SharedConnection shared;
    private final int sessionMode;
    private FerrySession session;
    private FerryMessageProducer producer;
    private boolean autoStart = true;
    private volatile boolean closed;

    public FerryJMSContext(FerryConnection connection, int sessionMode) {
        this(new SharedConnection(connection), sessionMode);
    }

    private FerryJMSContext(SharedConnection shared, int sessionMode) {
        this.shared = shared;
        this.sessionMode = sessionMode;
    }

    public static void checkSessionMode(int sessionMode) throws JMSException {
        if (sessionMode != JMSContext.SESSION_TRANSACTED) {
            FerryConnection.checkAcknowledgeMode(sessionMode);
        }
    }

    private FerryConnection connection() {
        return shared.connection;
    }

    /** The context's session, created on first use. */
    protected synchronized FerrySession session() {
        checkOpen();
        if (session == null) {
            session = unchecked(this::openSession);
        }
        return session;
    }

    /** Creates the context's session (an XA context creates an XA session). */
    protected FerrySession openSession() throws JMSException {
        return (FerrySession) connection().createSession(sessionMode);
    }

    /** The anonymous producer behind every {@link JMSProducer} of this context. */
    synchronized FerryMessageProducer producer() {
        if (producer == null || producer.isClosed()) {
            producer = (FerryMessageProducer) unchecked(() -> session().createProducer(null));
        }
        return producer;
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        checkOpen();
        uncheckedRun(() -> checkSessionMode(sessionMode));
        shared.acquire();
        return new FerryJMSContext(shared, sessionMode);
    }

    @Override
    public JMSProducer createProducer() {
        checkOpen();
        return new FerryJMSProducer(this);
    }

    // ---- connection-level ---------------------------------------------------------------------------------

    @Override
    public String getClientID() {
        checkOpen();
        return unchecked(() -> connection().getClientID());
    }

    @Override
    public void setClientID(String clientID) {
        checkOpen();
        uncheckedRun(() -> connection().setClientID(clientID));
    }

    @Override
    public ConnectionMetaData getMetaData() {
        checkOpen();
        return unchecked(() -> connection().getMetaData());
    }

    @Override
    public ExceptionListener getExceptionListener() {
        checkOpen();
        return unchecked(() -> connection().getExceptionListener());
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        checkOpen();
        uncheckedRun(() -> connection().setExceptionListener(listener));
    }

    @Override
    public void start() {
        checkOpen();
        uncheckedRun(() -> connection().start());
    }

    /** Not from a listener of this context (JMS 3.1 §6.1.5: the simplified API must refuse). */
    @Override
    public void stop() {
        checkOpen();
        uncheckedRun(() -> connection().stop());
    }

    @Override
    public synchronized void setAutoStart(boolean autoStart) {
        checkOpen();
        this.autoStart = autoStart;
    }

    @Override
    public synchronized boolean getAutoStart() {
        checkOpen();
        return autoStart;
    }

    /**
     * Closes the context's session and, with the last context sharing it, the connection. Idempotent; a message
     * or completion listener may not close its own context (JMS 3.1 §2.7, A.1.19).
     */
    @Override
    public void close() {
        FerrySession toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (connection().engine().isCallbackThread()) {
                throw new IllegalStateRuntimeException(
                        "a message or completion listener must not close its own JMSContext");
            }
            closed = true;
            toClose = session;
        }
        JMSRuntimeException failure = null;
        if (toClose != null) {
            try {
                uncheckedRun(toClose::close);
            } catch (JMSRuntimeException e) {
                failure = e;
            }
        }
        if (shared.release()) {
            uncheckedRun(() -> connection().close());
        }
        if (failure != null) {
            throw failure;
        }
    }

    // ---- messages -----------------------------------------------------------------------------------------

    @Override
    public BytesMessage createBytesMessage() {
        return unchecked(() -> session().createBytesMessage());
    }

    @Override
    public MapMessage createMapMessage() {
        return unchecked(() -> session().createMapMessage());
    }

    @Override
    public Message createMessage() {
        return unchecked(() -> session().createMessage());
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return unchecked(() -> session().createObjectMessage());
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return unchecked(() -> session().createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return unchecked(() -> session().createStreamMessage());
    }

    @Override
    public TextMessage createTextMessage() {
        return unchecked(() -> session().createTextMessage());
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return unchecked(() -> session().createTextMessage(text));
    }

    // ---- session-level ------------------------------------------------------------------------------------

    @Override
    public boolean getTransacted() {
        checkOpen();
        return sessionMode == JMSContext.SESSION_TRANSACTED;
    }

    @Override
    public int getSessionMode() {
        checkOpen();
        return sessionMode;
    }

    @Override
    public void commit() {
        uncheckedRun(() -> session().commit());
    }

    @Override
    public void rollback() {
        uncheckedRun(() -> session().rollback());
    }

    @Override
    public void recover() {
        uncheckedRun(() -> session().recover());
    }

    /** Acknowledges every message consumed so far in CLIENT_ACKNOWLEDGE mode; ignored in the other modes. */
    @Override
    public void acknowledge() {
        checkOpen();
        if (sessionMode == Session.CLIENT_ACKNOWLEDGE) {
            uncheckedRun(() -> session().acknowledge());
        }
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return createConsumer(destination, null, false);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return createConsumer(destination, messageSelector, false);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        FerryMessageConsumer consumer = (FerryMessageConsumer) unchecked(
                () -> session().createConsumer(destination, messageSelector, noLocal));
        startIfAutoStart();
        return new FerryJMSConsumer(consumer);
    }

    private void startIfAutoStart() {
        boolean start;
        synchronized (this) {
            start = autoStart;
        }
        if (start) {
            uncheckedRun(() -> connection().start());
        }
    }

    @Override
    public Queue createQueue(String queueName) {
        checkOpen();
        return new FerryQueue(unchecked(() -> FerryDestination.checkName(queueName)));
    }

    @Override
    public Topic createTopic(String topicName) {
        checkOpen();
        return new FerryTopic(unchecked(() -> FerryDestination.checkName(topicName)));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return createDurableConsumer(topic, name, null, false);
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        FerryMessageConsumer consumer = (FerryMessageConsumer) unchecked(
                () -> session().createDurableConsumer(topic, name, messageSelector, noLocal));
        startIfAutoStart();
        return new FerryJMSConsumer(consumer);
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        FerryMessageConsumer consumer = (FerryMessageConsumer) unchecked(
                () -> session().createSharedDurableConsumer(topic, name, messageSelector));
        startIfAutoStart();
        return new FerryJMSConsumer(consumer);
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        FerryMessageConsumer consumer = (FerryMessageConsumer) unchecked(
                () -> session().createSharedConsumer(topic, sharedSubscriptionName, messageSelector));
        startIfAutoStart();
        return new FerryJMSConsumer(consumer);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        return unchecked(() -> session().createBrowser(queue, messageSelector));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return unchecked(() -> session().createTemporaryQueue());
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return unchecked(() -> session().createTemporaryTopic());
    }

    @Override
    public void unsubscribe(String name) {
        uncheckedRun(() -> session().unsubscribe(name));
    }

    protected void checkOpen() {
        if (closed) {
            throw new IllegalStateRuntimeException("the JMSContext is closed");
        }
    }

    @Override
    public String toString() {
        return "FerryJMSContext[" + connection() + ", mode " + sessionMode + "]";
    }
}
