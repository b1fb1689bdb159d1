package dev.ferry.ra.outbound;

import dev.ferry.jms.connection.FerryConnection;
import dev.ferry.jms.connection.FerryConnectionMetaData;
import dev.ferry.jms.context.FerryJMSContext;
import dev.ferry.jms.session.FerrySession;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Session;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.LocalTransactionException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import jakarta.resource.spi.ResourceAdapterInternalException;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * One pooled physical Ferry connection. Inside a container only one session per connection is allowed (JMS 3.1
 * §12.2), so the managed connection owns the sessions its handles use: a transacted one while the server has
 * begun a transaction on it, an auto-acknowledge one otherwise. The server drives the transacted one through
 * {@link #getLocalTransaction()}: its commit and rollback are the container transaction's.
 */
public class FerryManagedConnection implements ManagedConnection {

    private static final System.Logger LOG = System.getLogger(FerryManagedConnection.class.getName());

    private final FerryManagedConnectionFactory factory;
    private final FerryConnection physical;
    private final String user;
    private final String password;
    private final Set<ContainerHandle> handles = new CopyOnWriteArraySet<>();
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ContainerLocalTransaction localTransaction = new ContainerLocalTransaction();
    // guarded by this
    private FerrySession transactedSession;
    private FerrySession autoSession;
    private FerryJMSContext transactedContext;
    private FerryJMSContext autoContext;
    private boolean inTransaction;
    private PrintWriter logWriter;

    FerryManagedConnection(FerryManagedConnectionFactory factory, FerryConnection physical, String user,
                           String password) throws JMSException {
        this.factory = factory;
        this.physical = physical;
        this.user = user;
        this.password = password;
        physical.start(); // handles may not call start() (JMS 3.1 §12.2); consumers they create receive at once
    }

    boolean hasCredentials(String otherUser, String otherPassword) {
        return Objects.equals(user, otherUser) && Objects.equals(password, otherPassword);
    }

    // ---- handles ------------------------------------------------------------------------------------------

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        ConnectionRequest.HandleKind kind = info instanceof ConnectionRequest
                ? ((ConnectionRequest) info).kind : ConnectionRequest.HandleKind.CONNECTION;
        ContainerHandle handle = kind == ConnectionRequest.HandleKind.CONTEXT
                ? new ContainerJMSContext(this) : new ContainerConnection(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof ContainerHandle)) {
            throw new ResourceAdapterInternalException("not a Ferry connection handle: " + connection);
        }
        ContainerHandle handle = (ContainerHandle) connection;
        handle.managedConnection().handles.remove(handle);
        handle.reassign(this);
        handles.add(handle);
    }

    /** A handle was closed by the application: the server may return this connection to its pool. */
    void handleClosed(ContainerHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener listener : listeners) {
            listener.connectionClosed(event);
        }
    }

    /** A physical failure: the server must discard this connection. */
    void failed(Exception cause) {
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
        for (ConnectionEventListener listener : listeners) {
            listener.connectionErrorOccurred(event);
        }
    }

    /** The session a handle works with now: transacted inside a container transaction, else auto-acknowledge. */
    synchronized FerrySession session() throws JMSException {
        if (inTransaction) {
            if (transactedSession == null || transactedSession.isClosed()) {
                transactedSession = (FerrySession) physical.createSession(Session.SESSION_TRANSACTED);
            }
            return transactedSession;
        }
        if (autoSession == null || autoSession.isClosed()) {
            autoSession = (FerrySession) physical.createSession(Session.AUTO_ACKNOWLEDGE);
        }
        return autoSession;
    }

    /** The simplified API's counterpart of {@link #session()}. */
    synchronized FerryJMSContext context() {
        if (inTransaction) {
            if (transactedContext == null) {
                transactedContext = new FerryJMSContext(physical, JMSContext.SESSION_TRANSACTED);
            }
            return transactedContext;
        }
        if (autoContext == null) {
            autoContext = new FerryJMSContext(physical, JMSContext.AUTO_ACKNOWLEDGE);
        }
        return autoContext;
    }

    synchronized boolean inTransaction() {
        return inTransaction;
    }

    FerryConnection physical() {
        return physical;
    }

    // ---- transactions -------------------------------------------------------------------------------------

    @Override
    public LocalTransaction getLocalTransaction() {
        return localTransaction;
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("Ferry's resource adapter enlists in container transactions as a local "
                + "resource (transaction-support LocalTransaction)");
    }

    /**
     * The container's view of the transacted session(s): begin marks the managed connection as enlisted, commit
     * and rollback complete the JMS work the handles did meanwhile. A managed connection used through both the
     * classic and the simplified API in one transaction commits both sessions, the classic one first.
     */
    private final class ContainerLocalTransaction implements LocalTransaction {

        @Override
        public void begin() throws ResourceException {
            synchronized (FerryManagedConnection.this) {
                if (inTransaction) {
                    throw new LocalTransactionException("a transaction is already active on this Ferry connection");
                }
                inTransaction = true;
            }
        }

        @Override
        public void commit() throws ResourceException {
            FerrySession session;
            FerryJMSContext context;
            synchronized (FerryManagedConnection.this) {
                checkActive();
                inTransaction = false;
                session = transactedSession;
                context = transactedContext;
            }
            try {
                if (session != null && !session.isClosed()) {
                    session.commit();
                }
            } catch (JMSException e) {
                rollbackQuietly(null, context);
                throw commitFailed(e);
            }
            try {
                if (context != null) {
                    context.commit();
                }
            } catch (JMSRuntimeException e) {
                throw commitFailed(e);
            }
        }

        @Override
        public void rollback() throws ResourceException {
            FerrySession session;
            FerryJMSContext context;
            synchronized (FerryManagedConnection.this) {
                checkActive();
                inTransaction = false;
                session = transactedSession;
                context = transactedContext;
            }
            rollbackQuietly(session, context);
        }

        private void checkActive() throws LocalTransactionException {
            if (!inTransaction) {
                throw new LocalTransactionException("no transaction is active on this Ferry connection");
            }
        }

        private LocalTransactionException commitFailed(Exception e) {
            LocalTransactionException failure = new LocalTransactionException("Ferry could not commit the JMS work "
                    + "of the transaction: " + e.getMessage(), e);
            failure.initCause(e);
            return failure;
        }
    }

    private static void rollbackQuietly(FerrySession session, FerryJMSContext context) {
        try {
            if (session != null && !session.isClosed()) {
                session.rollback();
            }
        } catch (JMSException e) {
            LOG.log(System.Logger.Level.WARNING, "rolling back a Ferry session failed", e);
        }
        try {
            if (context != null) {
                context.rollback();
            }
        } catch (JMSRuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "rolling back a Ferry context failed", e);
        }
    }

    // ---- pool lifecycle -----------------------------------------------------------------------------------

    /** Back to the pool: handles still open become unusable, their consumers and producers are closed. */
    @Override
    public void cleanup() {
        for (ContainerHandle handle : handles) {
            handle.invalidate();
        }
        handles.clear();
        FerrySession session;
        FerryJMSContext context;
        synchronized (this) {
            session = inTransaction ? transactedSession : null;
            context = inTransaction ? transactedContext : null;
            inTransaction = false;
        }
        rollbackQuietly(session, context);
    }

    @Override
    public void destroy() {
        cleanup();
        try {
            physical.close();
        } catch (JMSException e) {
            LOG.log(System.Logger.Level.WARNING, "closing a pooled Ferry connection failed", e);
        }
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return FerryConnectionMetaData.INSTANCE.getJMSProviderName();
            }

            @Override
            public String getEISProductVersion() {
                return FerryConnectionMetaData.INSTANCE.getProviderVersion();
            }

            @Override
            public int getMaxConnections() {
                return 0; // no limit of Ferry's own: the server's pool decides
            }

            @Override
            public String getUserName() {
                return user;
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    FerryManagedConnectionFactory factory() {
        return factory;
    }

    @Override
    public String toString() {
        return "FerryManagedConnection[" + physical + "]";
    }
}
