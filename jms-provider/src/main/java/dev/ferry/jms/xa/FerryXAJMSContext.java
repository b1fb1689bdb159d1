package dev.ferry.jms.xa;

import dev.ferry.jms.context.FerryJMSContext;
import dev.ferry.jms.session.FerrySession;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.XAJMSContext;

import javax.transaction.xa.XAResource;

/**
 * The simplified API's XA context: a {@link JMSContext} whose session is an XA session. Its work belongs to the
 * transaction branch its {@link #getXAResource() XAResource} is associated with; {@link #commit()} and
 * {@link #rollback()} raise {@link TransactionInProgressRuntimeException}. Outside a branch it acknowledges
 * automatically, like the XA session it wraps.
 */
public class FerryXAJMSContext extends FerryJMSContext implements XAJMSContext {

    private final FerryXAConnection xaConnection;

    public FerryXAJMSContext(FerryXAConnection connection) {
        super(connection, JMSContext.SESSION_TRANSACTED);
        this.xaConnection = connection;
    }

    @Override
    protected FerrySession openSession() throws JMSException {
        return xaConnection.createXASession(FerrySession.Domain.ANY);
    }

    @Override
    public JMSContext getContext() {
        checkOpen();
        return this;
    }

    @Override
    public XAResource getXAResource() {
        return ((FerryXASession) session()).getXAResource();
    }

    /** Always true (JMS 3.1 {@code XAJMSContext.getTransacted}). */
    @Override
    public boolean getTransacted() {
        checkOpen();
        return true;
    }

    @Override
    public void commit() {
        checkOpen();
        throw new TransactionInProgressRuntimeException("commit() is not allowed on an XAJMSContext: the "
                + "transaction manager commits the transaction through the context's XAResource");
    }

    @Override
    public void rollback() {
        checkOpen();
        throw new TransactionInProgressRuntimeException("rollback() is not allowed on an XAJMSContext: the "
                + "transaction manager rolls the transaction back through the context's XAResource");
    }

    @Override
    public String toString() {
        return "FerryXAJMSContext[" + xaConnection + "]";
    }
}
