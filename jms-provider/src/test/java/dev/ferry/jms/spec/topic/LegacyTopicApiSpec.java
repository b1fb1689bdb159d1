package dev.ferry.jms.spec.topic;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The legacy topic domain interfaces (JMS 3.1 §11): TopicConnection, TopicSession, publisher and subscriber. */
class LegacyTopicApiSpec extends TopicSpec {

    private TopicSession topicSession() throws JMSException {
        TopicConnectionFactory factory = factory();
        TopicConnection connection = closeLater(factory.createTopicConnection());
        connection.start();
        return connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Test
    void publisherReachesEverySubscriber() throws JMSException {
        TopicSession session = topicSession();
        Topic topic = session.createTopic(topic().getTopicName());
        TopicSubscriber first = session.createSubscriber(topic);
        TopicSubscriber second = session.createSubscriber(topic, null, false);
        TopicPublisher publisher = session.createPublisher(topic);

        publisher.publish(session.createTextMessage("news"));

        assertThat(((TextMessage) first.receive(TIMEOUT_MS)).getText()).isEqualTo("news");
        assertThat(((TextMessage) second.receive(TIMEOUT_MS)).getText()).isEqualTo("news");
        assertThat(first.getTopic()).isEqualTo(topic);
        assertThat(publisher.getTopic()).isEqualTo(topic);
    }

    @Test
    void durableSubscriberOfATopicSessionKeepsMessagesUntilUnsubscribed() throws JMSException {
        TopicConnection connection = closeLater(factory().createTopicConnection());
        connection.setClientID("legacy-" + database + "-" + System.nanoTime());
        connection.start();
        TopicSession durableSession = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = durableSession.createTopic(topic().getTopicName());
        durableSession.createDurableSubscriber(topic, "legacy").close();

        publish(topic, "kept");

        TopicSubscriber subscriber = durableSession.createDurableSubscriber(topic, "legacy");
        assertThat(((TextMessage) subscriber.receive(TIMEOUT_MS)).getText()).isEqualTo("kept");
        subscriber.close();
        durableSession.unsubscribe("legacy");
    }
}
