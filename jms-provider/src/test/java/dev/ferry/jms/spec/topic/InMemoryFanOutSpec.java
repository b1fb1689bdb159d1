package dev.ferry.jms.spec.topic;

import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.testing.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Non-persistent messages reach this JVM's non-durable subscriptions in memory (DESIGN.md #3) and everyone else
 * through the store, with the delivery rules of the store path.
 */
class InMemoryFanOutSpec extends TopicSpec {

    private static String name(Topic topic) throws JMSException {
        return topic.getTopicName();
    }

    private static void publishNonPersistent(Session session, Topic topic, String... texts) throws JMSException {
        MessageProducer producer = session.createProducer(topic);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        for (String text : texts) {
            producer.send(session.createTextMessage(text));
        }
        producer.close();
    }

    private void publishNonPersistent(Topic topic, String... texts) throws JMSException {
        try (Connection connection = factory().createConnection()) {
            publishNonPersistent(connection.createSession(), topic, texts);
        }
    }

    private long storedMessagesOf(Topic topic) throws Exception {
        try (java.sql.Connection jdbc = TestDatabase.connect(config());
             Statement statement = jdbc.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM ferry_message m "
                     + "WHERE m.destination_name = '" + name(topic) + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void nonPersistentMessageReachesLocalSubscribersWithoutAStoreRow() throws Exception {
        Topic topic = topic();
        MessageConsumer first = session(Session.AUTO_ACKNOWLEDGE).createConsumer(topic);
        MessageConsumer second = session(Session.AUTO_ACKNOWLEDGE).createConsumer(topic);

        publishNonPersistent(topic, "fleeting");

        assertThat(storedMessagesOf(topic)).isZero();
        for (MessageConsumer consumer : List.of(first, second)) {
            Message received = receive(consumer);
            assertThat(((TextMessage) received).getText()).isEqualTo("fleeting");
            assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
            assertThat(received.getJMSRedelivered()).isFalse();
            assertThat(received.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
            assertThat(received.getJMSDestination()).isEqualTo(topic);
        }
    }

    @Test
    void durableSubscriptionGetsNonPersistentMessagesThroughTheStore() throws Exception {
        Topic topic = topic();
        Connection durableConnection = connectionWithClientId("durable");
        Session durableSession = durableConnection.createSession();
        durableSession.createDurableConsumer(topic, "keeps").close();
        MessageConsumer local = session(Session.AUTO_ACKNOWLEDGE).createConsumer(topic);

        publishNonPersistent(topic, "both");

        assertThat(storedMessagesOf(topic)).isEqualTo(1);
        assertThat(drain(local)).containsExactly("both");
        assertThat(drain(durableSession.createDurableConsumer(topic, "keeps"))).containsExactly("both");
    }

    @Test
    void subscriberOnAnotherNodeGetsNonPersistentMessagesThroughTheStore() throws Exception {
        Topic topic = topic();
        FerryConfig otherNode = config(Map.of("ferry.consumer.prefetch", "7"));
        Connection remote = connection(otherNode);
        remote.start();
        MessageConsumer remoteSubscriber = remote.createSession().createConsumer(topic);
        MessageConsumer local = session(Session.AUTO_ACKNOWLEDGE).createConsumer(topic);

        publishNonPersistent(topic, "a", "b", "c");

        assertThat(drain(local)).containsExactly("a", "b", "c");
        assertThat(drain(remoteSubscriber)).containsExactly("a", "b", "c");
    }

    @Test
    void fullBufferSpillsToTheStoreWithoutLosingOrReordering() throws Exception {
        Topic topic = topic();
        FerryConfig smallBuffer = config(Map.of("ferry.subscription.memoryBuffer", "5"));
        Connection connection = connection(smallBuffer); // stopped: nothing is consumed while publishing
        MessageConsumer subscriber = connection.createSession().createConsumer(topic);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add("m" + i);
        }
        try (Connection publisher = new dev.ferry.jms.connection.FerryConnectionFactory(smallBuffer)
                .createConnection()) {
            publishNonPersistent(publisher.createSession(), topic, sent.toArray(String[]::new));
        }
        assertThat(storedMessagesOf(topic)).isEqualTo(15);

        connection.start();
        assertThat(drain(subscriber)).containsExactlyElementsOf(sent);

        try (Connection publisher = new dev.ferry.jms.connection.FerryConnectionFactory(smallBuffer)
                .createConnection()) {
            publishNonPersistent(publisher.createSession(), topic, "back in memory");
        }
        assertThat(storedMessagesOf(topic)).isZero();
        assertThat(drain(subscriber)).containsExactly("back in memory");
    }

    @Test
    void recoverRedeliversInMemoryMessagesInOrderMarkedRedelivered() throws Exception {
        Topic topic = topic();
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer subscriber = session.createConsumer(topic);
        publishNonPersistent(topic, "a", "b", "c");

        assertThat(receiveText(subscriber)).isEqualTo("a");
        assertThat(receiveText(subscriber)).isEqualTo("b");
        session.recover();

        Message again = receive(subscriber);
        assertThat(((TextMessage) again).getText()).isEqualTo("a");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        assertThat(receiveText(subscriber)).isEqualTo("b");
        Message third = receive(subscriber);
        assertThat(((TextMessage) third).getText()).isEqualTo("c");
        assertThat(third.getJMSRedelivered()).isFalse();
        third.acknowledge();
        session.recover();
        assertThat(subscriber.receive(QUIET_MS)).isNull();
    }

    @Test
    void rolledBackInMemoryMessageIsRedeliveredAndCommittedOnce() throws Exception {
        Topic topic = topic();
        Session session = startedConnection().createSession(Session.SESSION_TRANSACTED);
        MessageConsumer subscriber = session.createConsumer(topic);
        publishNonPersistent(topic, "once");

        assertThat(receiveText(subscriber)).isEqualTo("once");
        session.rollback();
        Message again = receive(subscriber);
        assertThat(again.getJMSRedelivered()).isTrue();
        session.commit();

        assertThat(subscriber.receive(QUIET_MS)).isNull();
    }

    @Test
    void selectorsAndNoLocalApplyInMemory() throws Exception {
        Topic topic = topic();
        Connection connection = startedConnection();
        Session session = connection.createSession();
        MessageConsumer selective = session(Session.AUTO_ACKNOWLEDGE).createConsumer(topic, "colour = 'red'");
        MessageConsumer noLocal = session.createConsumer(topic, null, true);
        MessageProducer producer = session.createProducer(topic);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        for (String colour : List.of("red", "blue")) {
            TextMessage message = session.createTextMessage(colour);
            message.setStringProperty("colour", colour);
            producer.send(message);
        }

        assertThat(drain(selective)).containsExactly("red");
        assertThat(noLocal.receive(QUIET_MS)).isNull();
    }
}
