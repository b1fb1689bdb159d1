package dev.ferry.jms.xa;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.jms.support.JmsExceptions;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;

/**
 * The XA connection factory: XA connections and XA contexts for a transaction manager, and (as every Ferry
 * factory) ordinary connections and contexts too. Factories with equal configurations share one broker, and the
 * XA resources of one broker are one resource manager ({@code isSameRM}).
 */
public class FerryXAConnectionFactory extends FerryConnectionFactory implements XAConnectionFactory,
        XAQueueConnectionFactory, XATopicConnectionFactory {

    private static final long serialVersionUID = 1L;

    /** The embedded default: an H2 file database in {@code ./ferry-data}. */
    public FerryXAConnectionFactory() {
        super();
    }

    public FerryXAConnectionFactory(FerryConfig config) {
        super(config);
    }

    /** Defaults except the store's JDBC URL. */
    public FerryXAConnectionFactory(String jdbcUrl) {
        super(jdbcUrl);
    }

    @Override
    public XAConnection createXAConnection() throws JMSException {
        return createXAConnection(config().get(FerryProperties.USER), config().get(FerryProperties.PASSWORD));
    }

    @Override
    public XAConnection createXAConnection(String userName, String password) throws JMSException {
        return FerryXAConnection.open(config(), userName, password);
    }

    @Override
    public XAQueueConnection createXAQueueConnection() throws JMSException {
        return (XAQueueConnection) createXAConnection();
    }

    @Override
    public XAQueueConnection createXAQueueConnection(String userName, String password) throws JMSException {
        return (XAQueueConnection) createXAConnection(userName, password);
    }

    @Override
    public XATopicConnection createXATopicConnection() throws JMSException {
        return (XATopicConnection) createXAConnection();
    }

    @Override
    public XATopicConnection createXATopicConnection(String userName, String password) throws JMSException {
        return (XATopicConnection) createXAConnection(userName, password);
    }

    @Override
    public XAJMSContext createXAContext() {
        return createXAContext(config().get(FerryProperties.USER), config().get(FerryProperties.PASSWORD));
    }

    @Override
    public XAJMSContext createXAContext(String userName, String password) {
        return JmsExceptions.unchecked(() -> new FerryXAJMSContext(FerryXAConnection.open(config(), userName,
                password)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FerryXAConnectionFactory && super.equals(other);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 1;
    }

    @Override
    public String toString() {
        return "FerryXAConnectionFactory[" + config() + "]";
    }
}
