package dev.ferry.ra.outbound;

import dev.ferry.jms.support.JmsExceptions;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.SecurityException;

import javax.naming.Reference;
import java.io.Serializable;

/**
 * The connection factory applications look up or inject (e.g. {@code java:/jms/ferry/ConnectionFactory}):
 * every connection or context it hands out is a handle on a managed connection from the server's pool, enlisted
 * in the caller's container transaction. {@link Referenceable} so that the server can bind it in JNDI.
 */
public class ContainerConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        Referenceable, Serializable {

    private static final long serialVersionUID = 1L;

    private final FerryManagedConnectionFactory managedFactory;
    private final transient ConnectionManager manager;
    private Reference reference;

    ContainerConnectionFactory(FerryManagedConnectionFactory managedFactory, ConnectionManager manager) {
        this.managedFactory = managedFactory;
        this.manager = manager;
    }

    private Object allocate(String user, String password, ConnectionRequest.HandleKind kind) throws JMSException {
        ConnectionRequest request = new ConnectionRequest(user, password, kind);
        try {
            if (manager == null) {
                return managedFactory.createManagedConnection(null, request).getConnection(null, request);
            }
            return manager.allocateConnection(managedFactory, request);
        } catch (SecurityException e) {
            throw JmsExceptions.withCause(new JMSSecurityException(e.getMessage()), e);
        } catch (ResourceException e) {
            throw JmsExceptions.withCause(new JMSException("cannot get a Ferry connection from the server's pool: "
                    + e.getMessage()), e);
        }
    }

    // ---- classic API --------------------------------------------------------------------------------------

    @Override
    public Connection createConnection() throws JMSException {
        return createConnection(null, null);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return (Connection) allocate(userName, password, ConnectionRequest.HandleKind.CONNECTION);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return (QueueConnection) createConnection();
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return (QueueConnection) createConnection(userName, password);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return (TopicConnection) createConnection();
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return (TopicConnection) createConnection(userName, password);
    }

    // ---- simplified API: the session mode is ignored in a container (JMS 3.1 §12.3) -------------------------

    @Override
    public JMSContext createContext() {
        return createContext(null, null);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        try {
            return (JMSContext) allocate(userName, password, ConnectionRequest.HandleKind.CONTEXT);
        } catch (JMSSecurityException e) {
            throw new JMSSecurityRuntimeException(e.getMessage(), e.getErrorCode(), e);
        } catch (JMSException e) {
            JMSRuntimeException failure = new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
            throw failure;
        }
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return createContext(userName, password);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return createContext(null, null);
    }

    // ---- Referenceable ------------------------------------------------------------------------------------

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }

    @Override
    public String toString() {
        return "Ferry container ConnectionFactory[" + managedFactory + "]";
    }
}
