package dev.ferry.bench.workload;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The JMS connections of one pass: one per producer or consumer, as independent clients would have,
 * all closed together.
 */
final class Clients implements AutoCloseable {

    static final String SEQUENCE = "seq";
    static final String SENT_AT = "sentAtNanos";
    static final String INTENDED_AT = "intendedAtNanos";

    private final ConnectionFactory factory;
    private final List<Connection> connections = new ArrayList<>();

    Clients(ConnectionFactory factory) {
        this.factory = factory;
    }

    synchronized Connection open() throws JMSException {
        Connection connection = factory.createConnection();
        connections.add(connection);
        return connection;
    }

    static Session session(Connection connection, boolean transacted) throws JMSException {
        return transacted
                ? connection.createSession(true, Session.SESSION_TRANSACTED)
                : connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    static BytesMessage message(Session session, byte[] payload, long sequence) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(payload);
        message.setLongProperty(SEQUENCE, sequence);
        return message;
    }

    static long sequenceOf(Message message) throws JMSException {
        if (!message.propertyExists(SEQUENCE)) {
            return -1;
        }
        return message.getLongProperty(SEQUENCE);
    }

    /** Random bytes, so that no provider gains from compressing the body. */
    static byte[] payload(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    @Override
    public synchronized void close() {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException e) {
                System.err.println("warning: closing a connection failed: " + e);
            }
        }
        connections.clear();
    }
}
