package dev.ferry.jms.cluster;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.testing.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes of one broker in this JVM: two brokers (distinct configurations) on one PostgreSQL database, each
 * with its own store, pool, node id and notification connection, exactly as two JVMs would have. What one node
 * does must be seen by the other through the database alone.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterBrokerTest {

    private static final long TIMEOUT_MS = 10_000;
    private final List<Connection> connections = new ArrayList<>();

    /** The nodes' configurations: the same database, told apart by a setting that does not matter here. */
    private static FerryConfig[] twoNodes(Map<String, String> settings) {
        FerryConfig base = TestDatabase.POSTGRES.newConfig(settings);
        return new FerryConfig[] {base.with(Map.of(FerryProperties.JDBC_POOL_SIZE.key(), "6")),
                base.with(Map.of(FerryProperties.JDBC_POOL_SIZE.key(), "7"))};
    }

    /** Polling so slow that only a notification can wake a consumer within a test's patience. */
    private static FerryConfig[] twoNodesWithoutPolling() {
        return twoNodes(Map.of(FerryProperties.POLL_INTERVAL.key(), "60s"));
    }

    private Connection connect(FerryConfig config, String clientId) throws JMSException {
        Connection connection = new FerryConnectionFactory(config).createConnection();
        connections.add(connection);
        if (clientId != null) {
            connection.setClientID(clientId);
        }
        connection.start();
        return connection;
    }

    @AfterEach
    void closeConnections() throws JMSException {
        for (Connection connection : connections) {
            connection.close();
        }
    }

    @Test
    void aMessageSentOnOneNodeWakesAnIdleConsumerOnAnotherWithoutPolling() throws Exception {
        FerryConfig[] nodes = twoNodesWithoutPolling();
        Session receiving = connect(nodes[1], null).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = receiving.createQueue("orders");
        MessageConsumer consumer = receiving.createConsumer(queue);
        assertThat(consumer.receive(300)).as("the consumer is idle").isNull();
        Session sending = connect(nodes[0], null).createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = sending.createProducer(queue);
        awaitListeners(nodes[0], 2);

        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long sent = System.nanoTime();
            producer.send(sending.createTextMessage("m" + i));
            Message received = consumer.receive(TIMEOUT_MS);
            latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
            assertThat(received).as("message %d reached the other node", i).isNotNull();
            assertThat(((TextMessage) received).getText()).isEqualTo("m" + i);
            Thread.sleep(20); // the consumer is idle again, waiting on its doorbell
        }
        latencies.sort(null);
        System.out.println("cross-node send-to-receive latency within one JVM (ms, sorted): " + latencies);
        assertThat(latencies.get(latencies.size() - 1)).as("slowest of 20, with polling every 60 s")
                .isLessThan(5_000);
    }

    @Test
    void aPublishOnAnyNodeReachesTheSubscribersOfEveryNode() throws Exception {
        FerryConfig[] nodes = twoNodesWithoutPolling();
        Session onA = connect(nodes[0], null).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session onB = connect(nodes[1], "audit-app").createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = onA.createTopic("prices");
        MessageConsumer nonDurableA = onA.createConsumer(topic);
        MessageConsumer nonDurableB = onB.createConsumer(topic);
        MessageConsumer durableB = onB.createDurableConsumer(topic, "audit");
        awaitListeners(nodes[0], 2);

        onA.createProducer(topic).send(onA.createTextMessage("from A"));
        onB.createProducer(topic).send(onB.createTextMessage("from B"));

        for (MessageConsumer consumer : List.of(nonDurableA, nonDurableB, durableB)) {
            Set<String> texts = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                Message message = consumer.receive(TIMEOUT_MS);
                assertThat(message).isNotNull();
                texts.add(((TextMessage) message).getText());
            }
            assertThat(texts).containsExactlyInAnyOrder("from A", "from B");
        }
    }

    @Test
    void aDurableSubscriptionCreatedOnAnotherNodeGetsEveryPublishFromWhenThePublishingNodeHeardOfIt()
            throws Exception {
        FerryConfig[] nodes = twoNodesWithoutPolling();
        Session onA = connect(nodes[0], null).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = onA.createTopic("prices");
        MessageProducer publisher = onA.createProducer(topic);
        publisher.send(onA.createTextMessage("before")); // node A now caches the topic's subscriptions: none
        Session onB = connect(nodes[1], "audit-app").createSession(false, Session.AUTO_ACKNOWLEDGE);
        awaitListeners(nodes[0], 2);

        MessageConsumer durableB = onB.createDurableConsumer(topic, "audit");
        long subscribed = System.nanoTime();
        // A publishes until one message reaches B: from then on, A has heard of the subscription
        int last = -1;
        Message received = null;
        while (received == null && System.nanoTime() - subscribed < TimeUnit.SECONDS.toNanos(10)) {
            last++;
            publisher.send(onA.createTextMessage(Integer.toString(last)));
            received = durableB.receive(2);
        }
        assertThat(received).as("a publish of node A reached the subscription created on node B").isNotNull();
        int first = Integer.parseInt(((TextMessage) received).getText());
        long heardMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - subscribed);
        for (int i = 0; i < 20; i++) {
            publisher.send(onA.createTextMessage("after " + i));
        }

        List<String> rest = new ArrayList<>();
        for (Message m = durableB.receive(TIMEOUT_MS); m != null; m = durableB.receive(500)) {
            rest.add(((TextMessage) m).getText());
        }
        System.out.printf("node A's publishes reached node B's new subscription after %d ms (from message %d)%n",
                heardMillis, first);
        List<String> expected = new ArrayList<>();
        for (int i = first + 1; i <= last; i++) {
            expected.add(Integer.toString(i));
        }
        for (int i = 0; i < 20; i++) {
            expected.add("after " + i);
        }
        assertThat(rest).as("nothing published after the first one that arrived is missed").isEqualTo(expected);
    }

    @Test
    void aSharedSubscriptionSpreadsItsMessagesOverTheNodesConsumingIt() throws Exception {
        FerryConfig[] nodes = twoNodes(Map.of(FerryProperties.PREFETCH.key(), "1"));
        Session onA = connect(nodes[0], null).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session onB = connect(nodes[1], null).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = onA.createTopic("work");
        MessageConsumer consumerA = onA.createSharedConsumer(topic, "workers");
        MessageConsumer consumerB = onB.createSharedConsumer(topic, "workers");
        MessageProducer producer = onA.createProducer(topic);
        for (int i = 0; i < 40; i++) {
            producer.send(onA.createTextMessage("w" + i));
        }

        Set<String> all = new HashSet<>();
        int onNodeA = 0;
        int onNodeB = 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (all.size() < 40 && System.nanoTime() < deadline) {
            Message a = consumerA.receive(100);
            if (a != null) {
                assertThat(all.add(((TextMessage) a).getText())).as("delivered once").isTrue();
                onNodeA++;
            }
            Message b = consumerB.receive(100);
            if (b != null) {
                assertThat(all.add(((TextMessage) b).getText())).as("delivered once").isTrue();
                onNodeB++;
            }
        }
        assertThat(all).hasSize(40);
        assertThat(onNodeA).as("received on node A").isPositive();
        assertThat(onNodeB).as("received on node B").isPositive();
    }

    @Test
    void aSharedNonDurableSubscriptionEndsWithItsLastConsumerOnAnyNode() throws Exception {
        FerryConfig[] nodes = twoNodesWithoutPolling();
        Session onA = connect(nodes[0], null).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session onB = connect(nodes[1], null).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = onA.createTopic("ticks");
        MessageConsumer consumerA = onA.createSharedConsumer(topic, "tickers");
        MessageConsumer consumerB = onB.createSharedConsumer(topic, "tickers");
        awaitListeners(nodes[0], 2);
        consumerA.close(); // the last consumer on node A, not on every node

        onA.createProducer(topic).send(onA.createTextMessage("after A closed"));
        Message received = consumerB.receive(TIMEOUT_MS);
        assertThat(received).as("the subscription lives on with node B's consumer").isNotNull();
        assertThat(((TextMessage) received).getText()).isEqualTo("after A closed");
        assertThat(subscriptionCount(nodes[0])).isEqualTo(1);

        consumerB.close();
        assertThat(subscriptionCount(nodes[0])).as("deleted with the last consumer on any node").isZero();
    }

    @Test
    void aClientIdInUseOnOneNodeIsRefusedOnAnotherUntilItsConnectionCloses() throws Exception {
        FerryConfig[] nodes = twoNodes(Map.of());
        Connection onA = connect(nodes[0], "billing");
        Connection onB = new FerryConnectionFactory(nodes[1]).createConnection();
        connections.add(onB);

        assertThatThrownBy(() -> onB.setClientID("billing"))
                .as("JMS 3.1 §6.1.2: in use by a running connection of node A")
                .isInstanceOf(InvalidClientIDException.class).hasMessageContaining("already in use");
        try (JMSContext context = new FerryConnectionFactory(nodes[1]).createContext()) {
            assertThatThrownBy(() -> context.setClientID("billing"))
                    .isInstanceOf(InvalidClientIDRuntimeException.class);
        }
        assertThatThrownBy(() -> new FerryConnectionFactory(nodes[1].with(
                Map.of(FerryProperties.CLIENT_ID.key(), "billing"))).createConnection())
                .as("preset by ferry.clientID").isInstanceOf(InvalidClientIDException.class);

        onA.close();
        onB.setClientID("billing");
        assertThat(onB.getClientID()).isEqualTo("billing");
        Connection again = new FerryConnectionFactory(nodes[0]).createConnection();
        connections.add(again);
        assertThatThrownBy(() -> again.setClientID("billing")).as("now held on node B")
                .isInstanceOf(InvalidClientIDException.class);
    }

    @Test
    void anUnsharedDurableSubscriptionMovesToAnotherNodeWithItsClientId() throws Exception {
        FerryConfig[] nodes = twoNodes(Map.of());
        Connection connectionA = connect(nodes[0], "billing");
        Session onA = connectionA.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = onA.createTopic("invoices");
        onA.createDurableConsumer(topic, "ledger");
        onA.createProducer(topic).send(onA.createTextMessage("while A consumed"));
        connectionA.close();

        Session onB = connect(nodes[1], "billing").createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumerB = onB.createDurableConsumer(topic, "ledger");
        assertThatThrownBy(() -> onB.createDurableConsumer(topic, "ledger"))
                .as("one active consumer").isInstanceOf(IllegalStateException.class);
        Message message = consumerB.receive(TIMEOUT_MS);
        assertThat(message).as("the subscription resumed on node B").isNotNull();
        assertThat(((TextMessage) message).getText()).isEqualTo("while A consumed");
        assertThatThrownBy(() -> onB.unsubscribe("ledger"))
                .as("no unsubscribe while a consumer is active")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("active consumer");
        consumerB.close();
        onB.unsubscribe("ledger");
        assertThat(subscriptionCount(nodes[0])).isZero();
    }

    @Test
    void withoutNotificationsAnIdleConsumerFindsAnotherNodesMessagesByAdaptivePolling() throws Exception {
        FerryConfig[] nodes = twoNodes(Map.of(FerryProperties.NOTIFICATIONS.key(), "false",
                FerryProperties.POLL_INTERVAL.key(), "3s", FerryProperties.POLL_MIN_INTERVAL.key(), "20ms"));
        Session receiving = connect(nodes[1], null).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = receiving.createQueue("polled");
        MessageConsumer consumer = receiving.createConsumer(queue);
        Session sending = connect(nodes[0], null).createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = sending.createProducer(queue);
        producer.send(sending.createTextMessage("first"));
        assertThat(consumer.receive(TIMEOUT_MS)).as("found by polling").isNotNull();

        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long sent = System.nanoTime();
            producer.send(sending.createTextMessage("m" + i));
            assertThat(consumer.receive(TIMEOUT_MS)).isNotNull();
            latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
        }
        System.out.println("cross-node latency by adaptive polling right after activity (ms): " + latencies);
        // with a fixed 3 s interval five such latencies would average 1.5 s
        assertThat(latencies.stream().mapToLong(Long::longValue).max().orElseThrow()).isLessThan(1_000);
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /** Waits until {@code nodes} nodes of the database listen for notifications (have their connection). */
    private static void awaitListeners(FerryConfig config, int nodes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (listeners(config) < nodes) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + nodes + " nodes listen within " + TIMEOUT_MS + " ms");
            }
            Thread.sleep(20);
        }
        Thread.sleep(100); // from the connection to its LISTEN
    }

    private static int listeners(FerryConfig config) {
        try (java.sql.Connection c = TestDatabase.connect(config);
             java.sql.Statement statement = c.createStatement();
             java.sql.ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE application_name = 'ferry-notifications' AND datname = current_database()")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (java.sql.SQLException e) {
            throw new java.lang.IllegalStateException(e);
        }
    }

    private static long subscriptionCount(FerryConfig config) throws Exception {
        try (java.sql.Connection c = TestDatabase.connect(config);
             java.sql.Statement statement = c.createStatement();
             java.sql.ResultSet rs = statement.executeQuery("SELECT count(*) FROM ferry_queue WHERE kind = 'S'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
