package dev.ferry.jms.jndi;

import javax.naming.NamingException;
import java.util.Locale;

/**
 * The {@code connectionFactory.<name>.type} a JNDI entry declares. Every Ferry factory implements the three
 * non-XA interfaces, so the type documents intent and is checked; XA factories come with the resource adapter.
 */
enum ConnectionFactoryType {
    CONNECTION_FACTORY("ConnectionFactory"),
    QUEUE_CONNECTION_FACTORY("QueueConnectionFactory"),
    TOPIC_CONNECTION_FACTORY("TopicConnectionFactory");

    private static final String ALLOWED = "ConnectionFactory, QueueConnectionFactory or TopicConnectionFactory";

    private final String interfaceName;

    ConnectionFactoryType(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    String interfaceName() {
        return interfaceName;
    }

    /** The type named by {@code text}, case-insensitively; {@code key} is the property, for the message. */
    static ConnectionFactoryType parse(String key, String text) throws NamingException {
        String wanted = text.trim();
        for (ConnectionFactoryType type : values()) {
            if (type.interfaceName.equalsIgnoreCase(wanted)) {
                return type;
            }
        }
        if (wanted.toUpperCase(Locale.ROOT).startsWith("XA")) {
            throw new NamingException("invalid value '" + text + "' for " + key
                    + ": XA connection factories are not supported by the JNDI factory; allowed values are "
                    + ALLOWED);
        }
        throw new NamingException("invalid value '" + text + "' for " + key + ": allowed values are " + ALLOWED);
    }
}
