package dev.ferry.jms.spec.topic;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.store.config.FerryConfig;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unshared durable subscriptions (JMS 3.1 §6.11.1) and Session.unsubscribe. */
class DurableSubscriptionSpec extends TopicSpec {

    @Test
    void durableSubscriptionReceivesWhileNoConsumerIsConnected() throws JMSException {
        Topic topic = topic();
        Connection connection = connectionWithClientId("c");
        Session session = connection.createSession();
        session.createDurableConsumer(topic, "d").close();

        publish(topic, "while away");

        MessageConsumer back = session.createDurableConsumer(topic, "d");
        assertThat(receiveText(back)).isEqualTo("while away");
    }

    @Test
    void durableSubscriptionBacklogSurvivesABrokerRestart() throws JMSException {
        Topic topic = topic();
        // a broker of its own (no anchor connection keeps it running), so closing its last connection stops it
        FerryConfig own = config().with(Map.of("ferry.consumer.prefetch", "7"));
        String clientId = "restart-" + database + "-" + System.nanoTime();
        try (Connection connection = new FerryConnectionFactory(own).createConnection()) {
            connection.setClientID(clientId);
            connection.createSession().createDurableConsumer(topic, "kept").close();
            publish(topic, "kept across restart");
        }
        try (Connection connection = new FerryConnectionFactory(own).createConnection()) {
            connection.setClientID(clientId);
            connection.start();
            MessageConsumer consumer = connection.createSession().createDurableConsumer(topic, "kept");

            assertThat(receiveText(consumer)).isEqualTo("kept across restart");
        }
    }

    @Test
    void durableSubscriptionNeedsAClientId() throws JMSException {
        Session session = session(Session.AUTO_ACKNOWLEDGE);

        assertThatThrownBy(() -> session.createDurableConsumer(topic(), "d"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("client ID");
    }

    @Test
    void secondConsumerOnAnUnsharedDurableSubscriptionIsRefused() throws JMSException {
        Topic topic = topic();
        Session session = connectionWithClientId("c").createSession();
        session.createDurableConsumer(topic, "d");

        assertThatThrownBy(() -> session.createDurableConsumer(topic, "d"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("active consumer");
    }

    @Test
    void changingTheSelectorReplacesTheSubscriptionAndDropsItsBacklog() throws JMSException {
        Topic topic = topic();
        Session session = connectionWithClientId("c").createSession();
        session.createDurableConsumer(topic, "d").close();
        publish(topic, "old backlog");

        MessageConsumer changed = session.createDurableConsumer(topic, "d", "JMSPriority >= 0", false);
        publish(topic, "new");

        assertThat(drain(changed)).containsExactly("new");
    }

    @Test
    void changingTheTopicReplacesTheSubscriptionAndDropsItsBacklog() throws JMSException {
        Topic first = topic();
        Topic second = topic();
        Session session = connectionWithClientId("c").createSession();
        session.createDurableConsumer(first, "d").close();
        publish(first, "old backlog");

        MessageConsumer moved = session.createDurableConsumer(second, "d");
        publish(first, "old topic");
        publish(second, "new topic");

        assertThat(drain(moved)).containsExactly("new topic");
    }

    @Test
    void unsubscribeDeletesTheSubscriptionWithItsBacklog() throws JMSException {
        Topic topic = topic();
        Session session = connectionWithClientId("c").createSession();
        session.createDurableConsumer(topic, "d").close();
        publish(topic, "dropped");

        session.unsubscribe("d");

        MessageConsumer fresh = session.createDurableConsumer(topic, "d");
        assertThat(fresh.receive(QUIET_MS)).isNull();
    }

    @Test
    void unsubscribeOfAnUnknownNameIsAnInvalidDestination() throws JMSException {
        Session session = connectionWithClientId("c").createSession();

        assertThatThrownBy(() -> session.unsubscribe("never-created"))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("never-created");
    }

    @Test
    void unsubscribeWhileAConsumerIsActiveIsRefused() throws JMSException {
        Topic topic = topic();
        Session session = connectionWithClientId("c").createSession();
        session.createDurableConsumer(topic, "d");

        assertThatThrownBy(() -> session.unsubscribe("d"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("active consumer");
    }

    @Test
    void unsubscribeWhileItsMessagesAreInAnUncommittedTransactionIsRefused() throws JMSException {
        Topic topic = topic();
        Session session = connectionWithClientId("c").createSession(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createDurableConsumer(topic, "d");
        publish(topic, "pending");
        assertThat(((TextMessage) consumer.receive(TIMEOUT_MS)).getText()).isEqualTo("pending");
        consumer.close();

        assertThatThrownBy(() -> session.unsubscribe("d"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not yet acknowledged");
        session.commit();
        session.unsubscribe("d");
    }

    @Test
    void sharedAndUnsharedDurableSubscriptionsOfOneNameCannotCoexist() throws JMSException {
        Topic topic = topic();
        Session session = connectionWithClientId("c").createSession();
        session.createDurableConsumer(topic, "d").close();

        assertThatThrownBy(() -> session.createSharedDurableConsumer(topic, "d"))
                .isInstanceOf(JMSException.class).hasMessageContaining("unshared durable subscription");
    }

    @Test
    void legacyDurableSubscriberWithNoLocalLeavesOutItsClientsMessages() throws JMSException {
        Topic topic = topic();
        Connection connection = connectionWithClientId("c");
        Session session = connection.createSession();
        MessageConsumer subscriber = session.createDurableSubscriber(topic, "d", null, true);

        publish(session, topic, "own");
        publish(topic, "foreign");

        assertThat(drain(subscriber)).containsExactly("foreign");
    }
}
