package dev.ferry.ra.outbound;

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
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;

/**
 * The classic API's handle on a pooled connection. One session at a time (JMS 3.1 §12.2), whose transaction and
 * acknowledgement are the container's whatever arguments the application passes (§12.3).
 */
final class ContainerConnection implements QueueConnection, TopicConnection, ContainerHandle {

    private volatile FerryManagedConnection managed;
    private ContainerSession session; // guarded by this
    private volatile boolean closed;

    ContainerConnection(FerryManagedConnection managed) {
        this.managed = managed;
    }

    @Override
    public FerryManagedConnection managedConnection() {
        return managed;
    }

    @Override
    public void reassign(FerryManagedConnection target) {
        this.managed = target;
    }

    @Override
    public void invalidate() {
        closed = true;
        closeSession();
    }

    // ---- sessions -----------------------------------------------------------------------------------------

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession();
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return createSession();
    }

    @Override
    public synchronized Session createSession() throws JMSException {
        checkOpen();
        if (session != null && !session.isClosed()) {
            throw new IllegalStateException("this connection already has an open session; in a Jakarta EE web or "
                    + "EJB container a connection may have only one (Jakarta Messaging 3.1 §12.2)");
        }
        session = new ContainerSession(managed, managed.session());
        return session;
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (QueueSession) createSession();
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (TopicSession) createSession();
    }

    // ---- connection-level ---------------------------------------------------------------------------------

    @Override
    public String getClientID() throws JMSException {
        checkOpen();
        return managed.physical().getClientID();
    }

    @Override
    public void setClientID(String clientID) throws JMSException {
        checkOpen();
        throw ContainerRestrictions.forbidden("Connection.setClientID");
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkOpen();
        return managed.physical().getMetaData();
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        throw ContainerRestrictions.forbidden("Connection.getExceptionListener");
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkOpen();
        throw ContainerRestrictions.forbidden("Connection.setExceptionListener");
    }

    /** The pooled connection is always started; starting it again is harmless. */
    @Override
    public void start() throws JMSException {
        checkOpen();
    }

    @Override
    public void stop() throws JMSException {
        checkOpen();
        throw ContainerRestrictions.forbidden("Connection.stop");
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closed = true;
        closeSession();
        managed.handleClosed(this);
    }

    private void closeSession() {
        ContainerSession toClose;
        synchronized (this) {
            toClose = session;
            session = null;
        }
        if (toClose != null) {
            toClose.closeQuietly();
        }
    }

    // ---- forbidden: connection consumers are for servers, not applications --------------------------------

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw ContainerRestrictions.forbidden("Connection.createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw ContainerRestrictions.forbidden("QueueConnection.createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw ContainerRestrictions.forbidden("TopicConnection.createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName,
                                                             String messageSelector, ServerSessionPool sessionPool,
                                                             int maxMessages) throws JMSException {
        throw ContainerRestrictions.forbidden("Connection.createSharedConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                              String messageSelector, ServerSessionPool sessionPool,
                                                              int maxMessages) throws JMSException {
        throw ContainerRestrictions.forbidden("Connection.createDurableConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                                    String messageSelector,
                                                                    ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw ContainerRestrictions.forbidden("Connection.createSharedDurableConnectionConsumer");
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
    }

    @Override
    public String toString() {
        return "Ferry container Connection[" + managed + "]";
    }
}
