package dev.ferry.jms.xa;

import dev.ferry.jms.connection.FerryConnection;
import dev.ferry.jms.engine.BrokerConnection;
import dev.ferry.jms.session.FerrySession;
import dev.ferry.store.config.FerryConfig;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicSession;

/**
 * An XA connection: a connection that also creates XA sessions. Its {@code createSession} methods still create
 * ordinary sessions (JMS 3.1: {@link XAConnection} extends {@code Connection}).
 */
public class FerryXAConnection extends FerryConnection implements XAConnection, XAQueueConnection,
        XATopicConnection {

    protected FerryXAConnection(BrokerConnection engine, boolean clientIdPreset) {
        super(engine, clientIdPreset);
    }

    static FerryXAConnection open(FerryConfig config, String user, String password) throws JMSException {
        return open(config, user, password, FerryXAConnection::new);
    }

    @Override
    public XASession createXASession() throws JMSException {
        return createXASession(FerrySession.Domain.ANY);
    }

    @Override
    public XAQueueSession createXAQueueSession() throws JMSException {
        return createXASession(FerrySession.Domain.QUEUE);
    }

    @Override
    public XATopicSession createXATopicSession() throws JMSException {
        return createXASession(FerrySession.Domain.TOPIC);
    }

    FerryXASession createXASession(FerrySession.Domain domain) throws JMSException {
        return createSession(Session.SESSION_TRANSACTED, engine -> new FerryXASession(this, engine, domain));
    }

    @Override
    public String toString() {
        return "FerryXAConnection[" + engine() + "]";
    }
}
