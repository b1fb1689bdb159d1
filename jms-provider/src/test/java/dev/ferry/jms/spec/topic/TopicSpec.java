package dev.ferry.jms.spec.topic;

import dev.ferry.jms.destination.FerryTopic;
import dev.ferry.jms.spec.BrokerSpec;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.util.ArrayList;
import java.util.List;

/** What the topic chapters share: topics named after the test, publishing, and draining a subscriber. */
abstract class TopicSpec extends BrokerSpec {

    /** A topic no other test uses. */
    protected Topic topic() {
        try {
            return new FerryTopic(queue("topic").getQueueName());
        } catch (JMSException e) {
            throw new AssertionError("a test queue always has a name", e);
        }
    }

    /** A started connection with a client identifier. */
    protected Connection connectionWithClientId(String clientId) throws JMSException {
        Connection connection = connection();
        connection.setClientID(clientId + "-" + database + "-" + System.nanoTime());
        connection.start();
        return connection;
    }

    /** Publishes text messages through a connection of its own (committed when this returns). */
    protected void publish(Topic topic, String... texts) throws JMSException {
        try (Connection connection = factory().createConnection()) {
            publish(connection.createSession(), topic, texts);
        }
    }

    protected static void publish(Session session, Topic topic, String... texts) throws JMSException {
        MessageProducer producer = session.createProducer(topic);
        for (String text : texts) {
            producer.send(session.createTextMessage(text));
        }
        producer.close();
    }

    /** Every message the consumer gets until it stays quiet for {@link #QUIET_MS}. */
    protected static List<String> drain(MessageConsumer consumer) throws JMSException {
        List<String> texts = new ArrayList<>();
        Message message;
        while ((message = consumer.receive(QUIET_MS)) != null) {
            texts.add(((TextMessage) message).getText());
        }
        return texts;
    }
}
