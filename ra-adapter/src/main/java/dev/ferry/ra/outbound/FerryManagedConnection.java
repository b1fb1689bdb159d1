package dev.ferry.ra.outbound;

import dev.ferry.jms.connection.FerryConnectionMetaData;
import dev.ferry.jms.context.FerryJMSContext;
import dev.ferry.jms.session.FerrySession;
import dev.ferry.jms.xa.FerryXAConnection;
import dev.ferry.jms.xa.FerryXASession;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
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
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * One pooled physical Ferry XA connection with its one XA session: inside a container only one session per
 * connection is allowed (JMS 3.1 §12.2), so every handle of this managed connection works with that session,
 * through the classic or the simplified API. The server enlists the session's {@link XAResource} in its
 * transactions ({@link #getXAResource()}); where it uses local transactions instead, {@link #getLocalTransaction()}
 * runs a one-phase branch of the same resource. Outside a transaction the XA session acknowledges automatically.
 */
public class FerryManagedConnection implements ManagedConnection {

    private static final System.Logger LOG = System.getLogger(FerryManagedConnection.class.getName());

    private final FerryManagedConnectionFactory factory;
    private final FerryXAConnection physical;
    private final FerryXASession session;
    private final SessionContext context;
    private final EnlistedResource xaResource;
    private final String user;
    private final String password;
    private final Set<ContainerHandle> handles = new CopyOnWriteArraySet<>();
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ContainerLocalTransaction localTransaction = new ContainerLocalTransaction();
    private volatile boolean inTransaction;
    private PrintWriter logWriter;

    FerryManagedConnection(FerryManagedConnectionFactory factory, FerryXAConnection physical, String user,
                           String password) throws JMSException {
        this.factory = factory;
        this.physical = physical;
        this.user = user;
        this.password = password;
        this.session = (FerryXASession) physical.createXASession();
        this.context = new SessionContext(physical, session);
        this.xaResource = new EnlistedResource(session.getXAResource());
        physical.start(); // handles may not call start() (JMS 3.1 §12.2); consumers they create receive at once
    }

    boolean hasCredentials(String otherUser, String otherPassword) {
        return Objects.equals(user, otherUser) && Objects.equals(password, otherPassword);
    }

    /** The simplified API over the managed connection's own XA session (not a second session). */
    private static final class SessionContext extends FerryJMSContext {
        private final FerryXASession session;

        SessionContext(FerryXAConnection connection, FerryXASession session) {
            super(connection, JMSContext.SESSION_TRANSACTED);
            this.session = session;
        }

        @Override
        protected FerrySession openSession() {
            return session;
        }
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

    /** The session every handle works with. */
    FerryXASession session() {
        return session;
    }

    /** The simplified API's view of {@link #session()}. */
    FerryJMSContext context() {
        return context;
    }

    /** Whether the session's work currently belongs to a container transaction (XA or local). */
    boolean inTransaction() {
        return inTransaction;
    }

    FerryXAConnection physical() {
        return physical;
    }

    // ---- transactions -------------------------------------------------------------------------------------

    @Override
    public XAResource getXAResource() {
        return xaResource;
    }

    @Override
    public LocalTransaction getLocalTransaction() {
        return localTransaction;
    }

    /**
     * The XA session's resource, noting when the session is associated with a branch so that the handles know
     * whether commit and rollback are the container's.
     */
    private final class EnlistedResource implements XAResource {
        private final XAResource delegate;

        EnlistedResource(XAResource delegate) {
            this.delegate = delegate;
        }

        @Override
        public void start(Xid xid, int flags) throws XAException {
            delegate.start(xid, flags);
            inTransaction = true;
        }

        @Override
        public void end(Xid xid, int flags) throws XAException {
            inTransaction = false;
            delegate.end(xid, flags);
        }

        @Override
        public int prepare(Xid xid) throws XAException {
            return delegate.prepare(xid);
        }

        @Override
        public void commit(Xid xid, boolean onePhase) throws XAException {
            delegate.commit(xid, onePhase);
        }

        @Override
        public void rollback(Xid xid) throws XAException {
            delegate.rollback(xid);
        }

        @Override
        public void forget(Xid xid) throws XAException {
            delegate.forget(xid);
        }

        @Override
        public Xid[] recover(int flag) throws XAException {
            return delegate.recover(flag);
        }

        @Override
        public boolean isSameRM(XAResource other) throws XAException {
            XAResource unwrapped = other instanceof EnlistedResource ? ((EnlistedResource) other).delegate : other;
            return delegate.isSameRM(unwrapped);
        }

        @Override
        public int getTransactionTimeout() throws XAException {
            return delegate.getTransactionTimeout();
        }

        @Override
        public boolean setTransactionTimeout(int seconds) throws XAException {
            return delegate.setTransactionTimeout(seconds);
        }

        @Override
        public String toString() {
            return "Ferry container XAResource[" + delegate + "]";
        }
    }

    /**
     * A container local transaction (JCA 2.1 §7.7) as a one-phase branch of the session's XA resource, under a
     * branch identifier of its own: the same code path and the same store operations as an XA transaction.
     */
    private final class ContainerLocalTransaction implements LocalTransaction {

        private static final int FORMAT = 0x46455259; // "FERY"
        private Xid branch;

        @Override
        public synchronized void begin() throws ResourceException {
            if (branch != null) {
                throw new LocalTransactionException("a transaction is already active on this Ferry connection");
            }
            Xid xid = localXid();
            try {
                xaResource.start(xid, XAResource.TMNOFLAGS);
            } catch (XAException e) {
                throw failed("begin", e);
            }
            branch = xid;
        }

        @Override
        public synchronized void commit() throws ResourceException {
            Xid xid = active();
            try {
                xaResource.end(xid, XAResource.TMSUCCESS);
                xaResource.commit(xid, true);
            } catch (XAException e) {
                throw failed("commit", e);
            }
        }

        @Override
        public synchronized void rollback() throws ResourceException {
            Xid xid = active();
            try {
                xaResource.end(xid, XAResource.TMSUCCESS);
                xaResource.rollback(xid);
            } catch (XAException e) {
                throw failed("roll back", e);
            }
        }

        synchronized boolean isActive() {
            return branch != null;
        }

        private Xid active() throws LocalTransactionException {
            Xid xid = branch;
            if (xid == null) {
                throw new LocalTransactionException("no transaction is active on this Ferry connection");
            }
            branch = null;
            return xid;
        }

        private Xid localXid() {
            UUID id = UUID.randomUUID();
            byte[] global = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                    .putLong(id.getLeastSignificantBits()).array();
            return new Xid() {
                @Override
                public int getFormatId() {
                    return FORMAT;
                }

                @Override
                public byte[] getGlobalTransactionId() {
                    return global.clone();
                }

                @Override
                public byte[] getBranchQualifier() {
                    return new byte[] {1};
                }
            };
        }

        private LocalTransactionException failed(String action, XAException e) {
            LocalTransactionException failure = new LocalTransactionException("Ferry could not " + action
                    + " the local transaction: " + e.getMessage() + " (XA error " + e.errorCode + ")", e);
            failure.initCause(e);
            return failure;
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
        if (localTransaction.isActive()) {
            try {
                localTransaction.rollback();
            } catch (ResourceException e) {
                LOG.log(System.Logger.Level.WARNING, "rolling back an abandoned local transaction failed", e);
            }
        }
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
