package dev.ferry.jms.spec;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.jms.destination.FerryQueue;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.testing.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one way every spec-chapter test runs: once per {@link TestDatabase} (H2 and PostgreSQL), each class on a
 * fresh database of that kind. A broker per configuration stays up for the whole class (an anchor connection
 * holds it), so tests do not pay for opening the store; each test works on queues named after itself, and
 * every connection or context a test opens through these helpers is closed after it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
public abstract class BrokerSpec {

    /** Upper bound of every wait for something that is expected to happen. */
    protected static final long TIMEOUT_MS = 10_000;
    /** How long a test waits to be reasonably sure something does not happen. */
    protected static final long QUIET_MS = 200;

    private static FerryConfig baseConfig;
    private static final Map<FerryConfig, Connection> ANCHORS = new LinkedHashMap<>();
    private static MessageStore inspection;

    @Parameter
    protected TestDatabase database;

    private final List<AutoCloseable> opened = Collections.synchronizedList(new ArrayList<>());
    private String testName;
    private int queueCounter;

    @BeforeParameterizedClassInvocation
    static void openDatabase(TestDatabase database) throws JMSException {
        baseConfig = database.newConfig();
        anchor(baseConfig);
    }

    @AfterParameterizedClassInvocation
    static void closeDatabase() throws JMSException {
        try {
            for (Connection anchor : ANCHORS.values()) {
                anchor.close();
            }
        } finally {
            ANCHORS.clear();
            if (inspection != null) {
                inspection.close();
                inspection = null;
            }
        }
    }

    private static synchronized void anchor(FerryConfig config) throws JMSException {
        if (!ANCHORS.containsKey(config)) {
            ANCHORS.put(config, new FerryConnectionFactory(config).createConnection());
        }
    }

    @BeforeEach
    void rememberTestName(TestInfo info) {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
    }

    @AfterEach
    void closeWhatTheTestOpened() throws Exception {
        List<AutoCloseable> toClose;
        synchronized (opened) {
            toClose = new ArrayList<>(opened);
            opened.clear();
        }
        Collections.reverse(toClose);
        Exception failure = null;
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Exception e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    // ---- configuration ------------------------------------------------------------------------------------

    /** This class's database with the default settings. */
    protected static FerryConfig config() {
        return baseConfig;
    }

    /**
     * This class's database with other settings: a broker of its own (as another node would be), kept running
     * for the rest of the class.
     */
    protected static FerryConfig config(Map<String, ?> overrides) throws JMSException {
        FerryConfig config = baseConfig.with(overrides);
        anchor(config);
        return config;
    }

    protected static FerryConnectionFactory factory() {
        return new FerryConnectionFactory(baseConfig);
    }

    /** A store of its own on this class's database, for looking at what the broker left there. */
    protected static synchronized MessageStore store() {
        if (inspection == null) {
            inspection = MessageStores.open(baseConfig);
        }
        return inspection;
    }

    // ---- connections --------------------------------------------------------------------------------------

    /** Something the test opened and that is closed after it. */
    protected <T extends AutoCloseable> T closeLater(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    protected Connection connection() throws JMSException {
        return connection(baseConfig);
    }

    protected Connection connection(FerryConfig config) throws JMSException {
        return closeLater(new FerryConnectionFactory(config).createConnection());
    }

    /** A started connection. */
    protected Connection startedConnection() throws JMSException {
        Connection connection = connection();
        connection.start();
        return connection;
    }

    protected Session session(int mode) throws JMSException {
        return startedConnection().createSession(mode);
    }

    protected JMSContext context() {
        return context(JMSContext.AUTO_ACKNOWLEDGE);
    }

    protected JMSContext context(int sessionMode) {
        return closeLater(factory().createContext(sessionMode));
    }

    // ---- destinations and messages ------------------------------------------------------------------------

    /** A queue no other test uses. */
    protected Queue queue() {
        return queue("q");
    }

    protected Queue queue(String purpose) {
        return new FerryQueue(getClass().getSimpleName() + "." + testName + "." + purpose + "." + database + "."
                + (++queueCounter));
    }

    /** Sends text messages to a queue through a connection of its own (committed when this returns). */
    protected void sendTexts(Queue queue, String... texts) throws JMSException {
        try (Connection connection = factory().createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(queue);
            for (String text : texts) {
                producer.send(session.createTextMessage(text));
            }
        }
    }

    /** Receives a message that must arrive. */
    protected static Message receive(MessageConsumer consumer) throws JMSException {
        Message message = consumer.receive(TIMEOUT_MS);
        assertThat(message).as("a message within " + TIMEOUT_MS + " ms").isNotNull();
        return message;
    }

    protected static String receiveText(MessageConsumer consumer) throws JMSException {
        return ((TextMessage) receive(consumer)).getText();
    }

    /** Receives whatever remains in a queue now, acknowledging it. */
    protected List<String> drainTexts(Queue queue) throws JMSException {
        List<String> texts = new ArrayList<>();
        try (Connection connection = factory().createConnection()) {
            connection.start();
            Session session = connection.createSession();
            MessageConsumer consumer = session.createConsumer(queue);
            Message message;
            while ((message = consumer.receive(QUIET_MS)) != null) {
                texts.add(((TextMessage) message).getText());
            }
        }
        return texts;
    }
}
