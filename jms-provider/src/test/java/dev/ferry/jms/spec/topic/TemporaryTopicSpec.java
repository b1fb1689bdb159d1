package dev.ferry.jms.spec.topic;

import dev.ferry.store.DestinationKind;
import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Temporary topics (JMS 3.1 §6.2.3): consumed only by their connection, gone with it. */
class TemporaryTopicSpec extends TopicSpec {

    @Test
    void subscriberOfATemporaryTopicGetsWhatIsPublishedToIt() throws JMSException {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        TemporaryTopic topic = session.createTemporaryTopic();
        MessageConsumer subscriber = session.createConsumer(topic);

        publish(topic, "to the temporary topic");

        assertThat(receiveText(subscriber)).isEqualTo("to the temporary topic");
    }

    @Test
    void onlyTheCreatingConnectionMayConsumeFromATemporaryTopic() throws JMSException {
        TemporaryTopic topic = connection().createSession().createTemporaryTopic();
        Session other = connection().createSession();

        assertThatThrownBy(() -> other.createConsumer(topic)).isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("another connection");
    }

    @Test
    void deletingATemporaryTopicWithAnActiveSubscriberIsRefused() throws JMSException {
        Session session = connection().createSession();
        TemporaryTopic topic = session.createTemporaryTopic();
        MessageConsumer subscriber = session.createConsumer(topic);

        assertThatThrownBy(topic::delete).isInstanceOf(JMSException.class).hasMessageContaining("open consumer");

        subscriber.close();
        topic.delete();
        assertThat(store().findDestination(topic.getTopicName(), DestinationKind.TOPIC)).isEmpty();
    }

    @Test
    void temporaryTopicAndItsSubscriptionsGoWithTheirConnection() throws JMSException {
        Connection connection = factory().createConnection();
        Session session = connection.createSession();
        TemporaryTopic topic = session.createTemporaryTopic();
        session.createConsumer(topic);
        long topicId = store().findDestination(topic.getTopicName(), DestinationKind.TOPIC).orElseThrow().id();
        assertThat(store().subscriptions(topicId)).hasSize(1);

        connection.close();

        assertThat(store().findDestination(topic.getTopicName(), DestinationKind.TOPIC)).isEmpty();
        assertThat(store().subscriptions(topicId)).isEmpty();
    }
}
