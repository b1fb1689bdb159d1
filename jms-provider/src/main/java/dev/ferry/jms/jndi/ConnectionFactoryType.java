package dev.ferry.jms.jndi;

import javax.naming.NamingException;

/**
 * The {@code connectionFactory.<name>.type} a JNDI entry declares. Every Ferry factory implements the three
 * non-XA interfaces, and an XA factory the three XA ones as well, so the type decides only between a plain and an
 * XA factory; the rest documents intent and is checked.
 */
enum ConnectionFactoryType {
    CONNECTION_FACTORY("ConnectionFactory", false),
    QUEUE_CONNECTION_FACTORY("QueueConnectionFactory", false),
    TOPIC_CONNECTION_FACTORY("TopicConnectionFactory", false),
    XA_CONNECTION_FACTORY("XAConnectionFactory", true),
    XA_QUEUE_CONNECTION_FACTORY("XAQueueConnectionFactory", true),
    XA_TOPIC_CONNECTION_FACTORY("XATopicConnectionFactory", true);

    private static final String ALLOWED = "ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory, "
            + "XAConnectionFactory, XAQueueConnectionFactory or XATopicConnectionFactory";

    private final String interfaceName;
    private final boolean xa;

    ConnectionFactoryType(String interfaceName, boolean xa) {
        this.interfaceName = interfaceName;
        this.xa = xa;
    }

    String interfaceName() {
        return interfaceName;
    }

    /** Whether the entry binds a {@code FerryXAConnectionFactory}. */
    boolean xa() {
        return xa;
    }

    /** The type named by {@code text}, case-insensitively; {@code key} is the property, for the message. */
    static ConnectionFactoryType parse(String key, String text) throws NamingException {
        String wanted = text.trim();
        for (ConnectionFactoryType type : values()) {
            if (type.interfaceName.equalsIgnoreCase(wanted)) {
                return type;
            }
        }
        throw new NamingException("invalid value '" + text + "' for " + key + ": allowed values are " + ALLOWED);
    }
}
