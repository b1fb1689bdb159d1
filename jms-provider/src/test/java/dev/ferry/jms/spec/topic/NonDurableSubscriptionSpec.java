package dev.ferry.jms.spec.topic;

import dev.ferry.store.DestinationKind;
import dev.ferry.store.testing.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidSelectorException;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Non-durable subscriptions (JMS 3.1 §6.11.3): one per consumer, living as long as it. */
class NonDurableSubscriptionSpec extends TopicSpec {

    @Test
    void everySubscriberGetsEveryMessage() throws JMSException {
        Topic topic = topic();
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer first = session.createConsumer(topic);
        MessageConsumer second = session(Session.AUTO_ACKNOWLEDGE).createConsumer(topic);

        publish(topic, "a", "b");

        assertThat(drain(first)).containsExactly("a", "b");
        assertThat(drain(second)).containsExactly("a", "b");
    }

    @Test
    void subscriberCreatedAfterAPublishDoesNotGetIt() throws JMSException {
        Topic topic = topic();
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer early = session.createConsumer(topic);
        publish(topic, "before");

        MessageConsumer late = session.createConsumer(topic);
        publish(topic, "after");

        assertThat(drain(early)).containsExactly("before", "after");
        assertThat(drain(late)).containsExactly("after");
    }

    @Test
    void noLocalSubscriberDoesNotGetMessagesOfItsOwnConnection() throws JMSException {
        Topic topic = topic();
        Connection connection = startedConnection();
        Session session = connection.createSession();
        MessageConsumer noLocal = session.createConsumer(topic, null, true);
        MessageConsumer local = session.createConsumer(topic);

        publish(session, topic, "own");
        publish(topic, "foreign");

        assertThat(((jakarta.jms.TopicSubscriber) noLocal).getNoLocal()).isTrue();
        assertThat(drain(noLocal)).containsExactly("foreign");
        assertThat(drain(local)).containsExactly("own", "foreign");
    }

    @Test
    void subscriptionSelectorFiltersWhenTheMessageIsPublished() throws JMSException {
        Topic topic = topic();
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer red = session.createConsumer(topic, "colour = 'red'");
        long topicId = store().findDestination(((dev.ferry.jms.destination.FerryTopic) topic).getTopicName(),
                DestinationKind.TOPIC).orElseThrow().id();

        MessageProducer producer = session.createProducer(topic);
        for (String colour : new String[] {"red", "blue", "red"}) {
            TextMessage message = session.createTextMessage(colour);
            message.setStringProperty("colour", colour);
            producer.send(message);
        }

        long queueId = store().subscriptions(topicId).get(0).queueId();
        assertThat(store().browse(queueId, 0, 10)).hasSize(2);
        assertThat(red.getMessageSelector()).isEqualTo("colour = 'red'");
        assertThat(drain(red)).containsExactly("red", "red");
    }

    @Test
    void invalidSubscriptionSelectorIsRefused() throws JMSException {
        Session session = session(Session.AUTO_ACKNOWLEDGE);

        assertThatThrownBy(() -> session.createConsumer(topic(), "colour = "))
                .isInstanceOf(InvalidSelectorException.class);
    }

    @Test
    void nonPersistentTopicMessagesReachSubscribers() throws JMSException {
        Topic topic = topic();
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer subscriber = session.createConsumer(topic);
        MessageProducer producer = session.createProducer(topic);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);

        producer.send(session.createTextMessage("fleeting"));

        Message received = receive(subscriber);
        assertThat(((TextMessage) received).getText()).isEqualTo("fleeting");
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(received.getJMSDestination()).isEqualTo(topic);
    }

    @Test
    void bodyIsStoredOnceForAllSubscribers() throws Exception {
        Topic topic = topic();
        Connection connection = connection();
        Session session = connection.createSession();
        for (int i = 0; i < 4; i++) {
            session.createConsumer(topic);
        }

        publish(topic, "shared body");

        String name = ((dev.ferry.jms.destination.FerryTopic) topic).getTopicName();
        try (java.sql.Connection jdbc = TestDatabase.connect(config());
             Statement statement = jdbc.createStatement();
             ResultSet messages = statement.executeQuery("SELECT COUNT(*) FROM ferry_message m "
                     + "WHERE m.destination_name = '" + name + "'")) {
            messages.next();
            assertThat(messages.getLong(1)).isEqualTo(1);
        }
        try (java.sql.Connection jdbc = TestDatabase.connect(config());
             Statement statement = jdbc.createStatement();
             ResultSet deliveries = statement.executeQuery("SELECT COUNT(*) FROM ferry_delivery d "
                     + "JOIN ferry_message m ON m.id = d.message_id WHERE m.destination_name = '" + name + "'")) {
            deliveries.next();
            assertThat(deliveries.getLong(1)).isEqualTo(4);
        }
    }

    @Test
    void nonDurableSubscriptionIsDeletedWhenItsConsumerCloses() throws JMSException {
        Topic topic = topic();
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer subscriber = session.createConsumer(topic);
        long topicId = store().findDestination(((dev.ferry.jms.destination.FerryTopic) topic).getTopicName(),
                DestinationKind.TOPIC).orElseThrow().id();
        assertThat(store().subscriptions(topicId)).hasSize(1);

        subscriber.close();

        assertThat(store().subscriptions(topicId)).isEmpty();
    }

    @Test
    void nonDurableSubscriptionsGoWithTheirConnection() throws JMSException {
        Topic topic = topic();
        Connection connection = factory().createConnection();
        connection.createSession().createConsumer(topic);
        long topicId = store().findDestination(((dev.ferry.jms.destination.FerryTopic) topic).getTopicName(),
                DestinationKind.TOPIC).orElseThrow().id();

        connection.close();

        assertThat(store().subscriptions(topicId)).isEmpty();
    }
}
