package dev.ferry.jms.example;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;

import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A first Ferry program, written against the Jakarta Messaging and JNDI APIs only: it looks up a connection
 * factory and a queue, sends messages of three types with properties, receives them, and rolls back a transacted
 * receive to show the redelivery that follows.
 *
 * <pre>
 * mvn -q -pl jms-provider exec:java                                      # embedded H2 in ./ferry-data
 * mvn -q -pl jms-provider exec:java -Dexec.args="jdbc:postgresql://localhost/ferry ferry secret"
 * </pre>
 */
public final class HelloFerry {

    private static final long RECEIVE_TIMEOUT_MILLIS = 5_000;

    private final PrintStream out;

    HelloFerry(PrintStream out) {
        this.out = out;
    }

    /** Arguments: optional JDBC URL of the store, then optional database user and password. */
    public static void main(String[] args) throws NamingException, JMSException {
        // The store's libraries (Flyway, Hibernate) log their start-up at INFO; this program shows its own lines.
        Logger.getLogger("").setLevel(Level.WARNING);
        new HelloFerry(System.out).run(args);
    }

    void run(String[] args) throws NamingException, JMSException {
        Context jndi = new InitialContext(environment(args));
        try {
            ConnectionFactory factory = (ConnectionFactory) jndi.lookup("ConnectionFactory");
            Queue queue = (Queue) jndi.lookup("jms/Hello");
            out.printf("Looked up ConnectionFactory and jms/Hello (queue '%s') through JNDI%n", queue.getQueueName());
            out.println("Store: " + (args.length > 0 ? args[0] : "embedded H2 database in ./ferry-data"));

            try (JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
                removeLeftovers(context, queue);
                send(context, queue);
                receive(context, queue);
                try (JMSContext transacted = context.createContext(JMSContext.SESSION_TRANSACTED)) {
                    rollBackAndReceiveAgain(transacted, queue);
                }
            }
            out.println("Done: 4 messages sent and consumed, 1 of them redelivered after a rollback");
        } finally {
            jndi.close();
        }
    }

    /**
     * The JNDI environment a {@code jndi.properties} file would hold; built here so that the provider's jar
     * carries no {@code jndi.properties} that would take over its users' lookups.
     */
    static Hashtable<String, String> environment(String[] args) {
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, "dev.ferry.jms.jndi.FerryInitialContextFactory");
        environment.put("connectionFactory.ConnectionFactory", args.length > 0 ? args[0] : "");
        if (args.length > 1) {
            environment.put("connectionFactory.ConnectionFactory.ferry.jdbc.user", args[1]);
        }
        if (args.length > 2) {
            environment.put("connectionFactory.ConnectionFactory.ferry.jdbc.password", args[2]);
        }
        environment.put("queue.jms/Hello", "hello");
        return environment;
    }

    /** A run stopped half-way leaves messages behind; they would confuse what follows. */
    private void removeLeftovers(JMSContext context, Queue queue) {
        int removed = 0;
        try (JMSConsumer consumer = context.createConsumer(queue)) {
            while (consumer.receive(500) != null) {
                removed++;
            }
        }
        if (removed > 0) {
            out.printf("Removed %d message(s) left in the queue by an earlier run%n", removed);
        }
    }

    private void send(JMSContext context, Queue queue) throws JMSException {
        // properties set on the producer go on every message it sends
        JMSProducer producer = context.createProducer().setProperty("customer", "ACME");

        TextMessage text = context.createTextMessage("Hello, Ferry!");
        text.setIntProperty("orderNumber", 42);
        producer.send(queue, text);
        print("Sent", text, properties(text));

        MapMessage map = context.createMapMessage();
        map.setString("item", "kayak paddle");
        map.setInt("quantity", 2);
        map.setBooleanProperty("express", true);
        producer.send(queue, map);
        print("Sent", map, properties(map));

        BytesMessage bytes = context.createBytesMessage();
        bytes.writeBytes(new byte[] {'F', 'E', 'R', 'R', 'Y'});
        bytes.setStringProperty("contentType", "application/octet-stream");
        producer.send(queue, bytes);
        bytes.reset(); // makes the body readable, to print its length
        print("Sent", bytes, properties(bytes));
    }

    private void receive(JMSContext context, Queue queue) throws JMSException {
        try (JMSConsumer consumer = context.createConsumer(queue)) {
            for (int i = 1; i <= 3; i++) {
                Message message = consumer.receive(RECEIVE_TIMEOUT_MILLIS);
                if (message == null) {
                    throw new IllegalStateException("message " + i + " of 3 did not arrive within "
                            + RECEIVE_TIMEOUT_MILLIS + " ms");
                }
                print("Received", message, properties(message));
            }
        }
    }

    private void rollBackAndReceiveAgain(JMSContext transacted, Queue queue) throws JMSException {
        TextMessage order = transacted.createTextMessage("Order 43");
        transacted.createProducer().send(queue, order);
        transacted.commit();
        print("Sent", order, "in a transaction, committed");

        try (JMSConsumer consumer = transacted.createConsumer(queue)) {
            printDelivery(consumer.receive(RECEIVE_TIMEOUT_MILLIS));
            transacted.rollback();
            out.println("Rolled back the transaction: the message returns to the queue");

            printDelivery(consumer.receive(RECEIVE_TIMEOUT_MILLIS));
            transacted.commit();
            out.println("Committed the transaction: the message is consumed");
        }
    }

    private void printDelivery(Message message) throws JMSException {
        if (message == null) {
            throw new IllegalStateException("the transacted message did not arrive within "
                    + RECEIVE_TIMEOUT_MILLIS + " ms");
        }
        print("Received", message, "JMSRedelivered=" + message.getJMSRedelivered()
                + ", JMSXDeliveryCount=" + message.getIntProperty("JMSXDeliveryCount"));
    }

    private void print(String what, Message message, String details) throws JMSException {
        out.printf("%-8s %-13s %-33s %s%n", what, kind(message), describe(message), details);
    }

    /** The application's properties, sorted; the JMSX properties the provider sets are left out. */
    private static String properties(Message message) throws JMSException {
        List<String> names = new ArrayList<>();
        for (Enumeration<?> e = message.getPropertyNames(); e.hasMoreElements(); ) {
            String name = (String) e.nextElement();
            if (!name.startsWith("JMSX")) {
                names.add(name);
            }
        }
        Collections.sort(names);
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            text.append(text.length() == 0 ? "" : ", ").append(name).append('=').append(message.getObjectProperty(name));
        }
        return text.toString();
    }

    private static String kind(Message message) {
        if (message instanceof TextMessage) {
            return "TextMessage";
        }
        if (message instanceof MapMessage) {
            return "MapMessage";
        }
        if (message instanceof BytesMessage) {
            return "BytesMessage";
        }
        return "Message";
    }

    private static String describe(Message message) throws JMSException {
        if (message instanceof TextMessage) {
            return "\"" + ((TextMessage) message).getText() + "\"";
        }
        if (message instanceof MapMessage) {
            MapMessage map = (MapMessage) message;
            return "{item=" + map.getString("item") + ", quantity=" + map.getInt("quantity") + "}";
        }
        if (message instanceof BytesMessage) {
            return ((BytesMessage) message).getBodyLength() + " bytes";
        }
        return "";
    }
}
