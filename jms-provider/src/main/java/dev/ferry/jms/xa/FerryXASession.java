package dev.ferry.jms.xa;

import dev.ferry.jms.connection.FerryConnection;
import dev.ferry.jms.engine.BrokerSession;
import dev.ferry.jms.engine.TransactionBranches;
import dev.ferry.jms.session.FerrySession;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicSession;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicSession;

import javax.transaction.xa.XAResource;

/**
 * An XA session (JMS 3.1 {@link XASession}): its work belongs to the transaction branch its
 * {@link #getXAResource() XAResource} is associated with, and the transaction manager commits or rolls it back;
 * {@link #commit()} and {@link #rollback()} are not the application's to call. Outside a branch (no
 * {@code start}, or after {@code end}) it behaves as an {@code AUTO_ACKNOWLEDGE} session: sends are stored at
 * once, received messages are acknowledged as they are delivered.
 */
public class FerryXASession extends FerrySession implements XASession, XAQueueSession, XATopicSession {

    private final FerryXAResource resource;

    public FerryXASession(FerryConnection connection, BrokerSession engine, Domain domain) {
        super(connection, engine, domain);
        TransactionBranches branches = engine.connection().broker().transactionBranches();
        this.resource = new FerryXAResource(engine, branches);
        engine.enableXa(() -> branches.sessionClosing(engine));
    }

    @Override
    public XAResource getXAResource() {
        return resource;
    }

    /** The session itself: an XA session is a session whose transaction is the branch's. */
    @Override
    public Session getSession() throws JMSException {
        checkNotClosed();
        return this;
    }

    @Override
    public QueueSession getQueueSession() throws JMSException {
        checkNotClosed();
        return this;
    }

    @Override
    public TopicSession getTopicSession() throws JMSException {
        checkNotClosed();
        return this;
    }

    /** Always true (JMS 3.1 {@code XASession.getTransacted}). */
    @Override
    public boolean getTransacted() throws JMSException {
        checkNotClosed();
        return true;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkNotClosed();
        return Session.SESSION_TRANSACTED;
    }

    @Override
    public void commit() throws JMSException {
        checkNotClosed();
        throw new TransactionInProgressException("commit() is not allowed on an XASession: the transaction "
                + "manager commits the transaction through the session's XAResource");
    }

    @Override
    public void rollback() throws JMSException {
        checkNotClosed();
        throw new TransactionInProgressException("rollback() is not allowed on an XASession: the transaction "
                + "manager rolls the transaction back through the session's XAResource");
    }

    private void checkNotClosed() throws IllegalStateException {
        if (isClosed()) {
            throw new IllegalStateException("the session is closed");
        }
    }

    @Override
    public String toString() {
        return "FerryXASession[" + engine() + "]";
    }
}
