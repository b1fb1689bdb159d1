package dev.ferry.jms.connection;

import dev.ferry.jms.context.FerryJMSContext;
import dev.ferry.jms.support.JmsExceptions;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * The entry point of the classic and simplified APIs. Holds a {@link FerryConfig}; every connection made with an
 * equal configuration in this JVM shares one broker (and one store). Serializable so that it can be bound in
 * JNDI; only the {@code ferry.*} values travel.
 */
public class FerryConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        Serializable {

    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, String> values;
    private transient FerryConfig config;

    /** The embedded default: an H2 file database in {@code ./ferry-data}. */
    public FerryConnectionFactory() {
        this(FerryConfig.defaults());
    }

    public FerryConnectionFactory(FerryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.values = new LinkedHashMap<>(config.explicitValues());
    }

    /** Defaults except the store's JDBC URL. */
    public FerryConnectionFactory(String jdbcUrl) {
        this(FerryConfig.defaults().with(FerryProperties.JDBC_URL, Objects.requireNonNull(jdbcUrl, "jdbcUrl")));
    }

    public FerryConfig config() {
        return config;
    }

    // ---- classic API --------------------------------------------------------------------------------------

    /** Connects as {@code ferry.user}/{@code ferry.password} when configured, else without credentials. */
    @Override
    public Connection createConnection() throws JMSException {
        return createConnection(config.get(FerryProperties.USER), config.get(FerryProperties.PASSWORD));
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return FerryConnection.open(config, userName, password);
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

    // ---- simplified API -----------------------------------------------------------------------------------

    @Override
    public JMSContext createContext() {
        return createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return JmsExceptions.unchecked(() -> {
            FerryJMSContext.checkSessionMode(sessionMode);
            return new FerryJMSContext((FerryConnection) createConnection(userName, password), sessionMode);
        });
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return createContext(config.get(FerryProperties.USER), config.get(FerryProperties.PASSWORD), sessionMode);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        config = FerryConfig.of(values);
    }

    @Override
    public boolean equals(Object other) {
        // same class: an XA factory is not equal to a plain one of the same settings (and equality stays symmetric)
        return other != null && other.getClass() == getClass()
                && values.equals(((FerryConnectionFactory) other).values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "FerryConnectionFactory[" + config + "]";
    }
}
