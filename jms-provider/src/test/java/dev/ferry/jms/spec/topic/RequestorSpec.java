package dev.ferry.jms.spec.topic;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicRequestor;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** Request/reply with the API's requestor helpers, which reply through temporary destinations. */
@Timeout(30) // request() waits without limit; a missing reply must fail the test, not hang the build
class RequestorSpec extends TopicSpec {

    /** Answers requests arriving at the consumer by replying to its JMSReplyTo. */
    private static void answerOne(Session session, MessageConsumer requests) throws JMSException {
        requests.setMessageListener(request -> {
            try {
                MessageProducer replies = session.createProducer(request.getJMSReplyTo());
                TextMessage reply = session.createTextMessage("re: " + ((TextMessage) request).getText());
                reply.setJMSCorrelationID(request.getJMSMessageID());
                replies.send(reply);
                replies.close();
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void topicRequestorGetsTheReplyThroughATemporaryTopic() throws JMSException {
        Topic service = topic();
        Connection serverConnection = startedConnection();
        Session server = serverConnection.createSession();
        answerOne(server, server.createConsumer(service));
        TopicConnection clientConnection = (TopicConnection) startedConnection();
        TopicSession client = clientConnection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicRequestor requestor = new TopicRequestor(client, service);

        Message reply = requestor.request(client.createTextMessage("ping"));

        assertThat(((TextMessage) reply).getText()).isEqualTo("re: ping");
        requestor.close();
    }

    @Test
    void queueRequestorGetsTheReplyThroughATemporaryQueue() throws JMSException {
        Queue service = queue();
        Connection serverConnection = startedConnection();
        Session server = serverConnection.createSession();
        answerOne(server, server.createConsumer(service));
        QueueConnection clientConnection = (QueueConnection) startedConnection();
        QueueSession client = clientConnection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueRequestor requestor = new QueueRequestor(client, service);

        Message reply = requestor.request(client.createTextMessage("ping"));

        assertThat(((TextMessage) reply).getText()).isEqualTo("re: ping");
        requestor.close();
    }
}
