package dev.ferry.jms.spec.session;

import dev.ferry.jms.destination.FerryDestination;
import dev.ferry.jms.spec.BrokerSpec;
import dev.ferry.store.DestinationKind;
import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JMS 3.1 §6.2.3: temporary destinations live as long as their connection and serve it alone. */
class TemporaryQueueSpec extends BrokerSpec {

    @Test
    void temporaryQueueCarriesMessagesForItsConnection() throws JMSException {
        Connection connection = startedConnection();
        Session session = connection.createSession();
        TemporaryQueue queue = session.createTemporaryQueue();

        session.createProducer(queue).send(session.createTextMessage("temporary"));

        assertThat(receiveText(session.createConsumer(queue))).isEqualTo("temporary");
    }

    @Test
    void replyToATemporaryQueueWorksFromAnotherConnection() throws JMSException {
        Connection requester = startedConnection();
        Session requests = requester.createSession();
        TemporaryQueue replies = requests.createTemporaryQueue();
        Queue service = queue("service");
        TextMessage request = requests.createTextMessage("ping");
        request.setJMSReplyTo(replies);
        requests.createProducer(service).send(request);

        Session responder = startedConnection().createSession();
        Message received = receive(responder.createConsumer(service));
        responder.createProducer(received.getJMSReplyTo()).send(responder.createTextMessage("pong"));

        assertThat(receiveText(requests.createConsumer(replies))).isEqualTo("pong");
    }

    @Test
    void anotherConnectionMayNotConsumeFromATemporaryQueue() throws JMSException {
        TemporaryQueue queue = connection().createSession().createTemporaryQueue();
        Session other = connection().createSession();
        // As it would arrive in a reply-to header: the name without its owning connection.
        Queue asReceived = (Queue) FerryDestination.decode(((FerryDestination) queue).encode());

        assertThatThrownBy(() -> other.createConsumer(queue)).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> other.createConsumer(asReceived)).isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void deletedTemporaryQueueCannotBeUsed() throws JMSException {
        Session session = connection().createSession();
        TemporaryQueue queue = session.createTemporaryQueue();

        queue.delete();

        assertThat(store().findDestination(queue.getQueueName(), DestinationKind.QUEUE)).isEmpty();
        assertThatThrownBy(() -> session.createProducer(queue).send(session.createTextMessage("gone")))
                .isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createConsumer(queue)).isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void temporaryQueueWithAnOpenConsumerCannotBeDeleted() throws JMSException {
        Session session = connection().createSession();
        TemporaryQueue queue = session.createTemporaryQueue();
        MessageConsumer consumer = session.createConsumer(queue);

        assertThatThrownBy(queue::delete).isInstanceOf(JMSException.class).hasMessageContaining("consumer");

        consumer.close();
        queue.delete();
        assertThat(store().findDestination(queue.getQueueName(), DestinationKind.QUEUE)).isEmpty();
    }

    @Test
    void temporaryQueueIsDeletedWhenItsConnectionCloses() throws JMSException {
        Connection connection = connection();
        TemporaryQueue queue = connection.createSession().createTemporaryQueue();
        assertThat(store().findDestination(queue.getQueueName(), DestinationKind.QUEUE)).isPresent();

        connection.close();

        assertThat(store().findDestination(queue.getQueueName(), DestinationKind.QUEUE)).isEmpty();
    }

    @Test
    void temporaryQueueNameReceivedInAMessageCannotBeDeletedThroughIt() throws JMSException {
        TemporaryQueue queue = connection().createSession().createTemporaryQueue();
        TemporaryQueue asReceived = (TemporaryQueue) FerryDestination.decode(((FerryDestination) queue).encode());

        assertThatThrownBy(asReceived::delete).isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void temporaryTopicIsCreatedAndDeleted() throws JMSException {
        TemporaryTopic topic = connection().createSession().createTemporaryTopic();
        assertThat(store().findDestination(topic.getTopicName(), DestinationKind.TOPIC)).isPresent();

        topic.delete();

        assertThat(store().findDestination(topic.getTopicName(), DestinationKind.TOPIC)).isEmpty();
    }

    @Test
    void temporaryQueuesHaveDistinctNames() throws JMSException {
        Session session = connection().createSession();

        assertThat(session.createTemporaryQueue().getQueueName())
                .isNotEqualTo(session.createTemporaryQueue().getQueueName());
    }
}
