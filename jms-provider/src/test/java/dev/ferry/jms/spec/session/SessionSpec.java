package dev.ferry.jms.spec.session;

import dev.ferry.jms.spec.BrokerSpec;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JMS 3.1 §6.2: sessions as factories of messages, producers and consumers, and their state rules. */
class SessionSpec extends BrokerSpec {

    @Test
    void createsEveryKindOfMessage() throws JMSException {
        Session session = connection().createSession();

        assertThat(session.createMessage()).isInstanceOf(Message.class);
        assertThat(session.createTextMessage("t").getText()).isEqualTo("t");
        assertThat(session.createTextMessage().getText()).isNull();
        assertThat(session.createBytesMessage()).isInstanceOf(BytesMessage.class);
        assertThat(session.createMapMessage()).isInstanceOf(MapMessage.class);
        assertThat(session.createStreamMessage()).isInstanceOf(StreamMessage.class);
        assertThat(session.createObjectMessage()).isInstanceOf(ObjectMessage.class);
        assertThat(session.createObjectMessage("o").getObject()).isEqualTo("o");
    }

    @Test
    void createQueueNamesAQueueWithoutCreatingIt() throws JMSException {
        Queue queue = connection().createSession().createQueue("orders-" + database);

        assertThat(queue.getQueueName()).isEqualTo("orders-" + database);
        assertThat(store().findDestination(queue.getQueueName(), dev.ferry.store.DestinationKind.QUEUE)).isEmpty();
    }

    @Test
    void invalidQueueNamesAreRefused() throws JMSException {
        Session session = connection().createSession();

        assertThatThrownBy(() -> session.createQueue(" ")).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createQueue(null)).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createQueue("x".repeat(201))).isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void createTopicNamesATopic() throws JMSException {
        Topic topic = connection().createSession().createTopic("prices");

        assertThat(topic.getTopicName()).isEqualTo("prices");
    }

    @Test
    void queueIsCreatedOnFirstUse() throws JMSException {
        Queue queue = queue();

        session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);

        assertThat(store().findDestination(queue.getQueueName(), dev.ferry.store.DestinationKind.QUEUE)).isPresent();
    }

    @Test
    void unknownQueueIsInvalidWhenAutoCreationIsOff() throws JMSException {
        FerryConfig config = config(Map.of(FerryProperties.AUTO_CREATE.key(), "false"));
        Session session = connection(config).createSession();
        Queue queue = queue();

        assertThatThrownBy(() -> session.createConsumer(queue))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("autoCreate");
        assertThatThrownBy(() -> session.createProducer(queue).send(session.createTextMessage("x")))
                .isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createBrowser(queue)).isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void existingQueueIsUsableWhenAutoCreationIsOff() throws JMSException {
        Queue queue = queue();
        store().createDestinationIfAbsent(queue.getQueueName(), dev.ferry.store.DestinationKind.QUEUE);
        Connection connection = connection(config(Map.of(FerryProperties.AUTO_CREATE.key(), "false")));
        connection.start();
        Session session = connection.createSession();

        session.createProducer(queue).send(session.createTextMessage("exists"));

        assertThat(receiveText(session.createConsumer(queue))).isEqualTo("exists");
    }

    @Test
    void consumerOnNullDestinationIsInvalid() throws JMSException {
        Session session = connection().createSession();

        assertThatThrownBy(() -> session.createConsumer(null)).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createBrowser(null)).isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void sendingToATopicWithoutSubscribersSucceeds() throws JMSException {
        Session session = connection().createSession();
        MessageProducer producer = session.createProducer(session.createTopic("unheard-" + database));

        assertThatCode(() -> producer.send(session.createTextMessage("nobody listens"))).doesNotThrowAnyException();
    }

    @Test
    void unsubscribingAnUnknownSubscriptionIsInvalid() throws JMSException {
        Session session = connection().createSession();

        assertThatThrownBy(() -> session.unsubscribe("none")).isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void invalidMessageSelectorsAreRefusedAtCreationAndBlankOnesMeanNone() throws JMSException {
        Session session = connection().createSession();
        Queue queue = queue();

        assertThatThrownBy(() -> session.createConsumer(queue, "color = "))
                .isInstanceOf(InvalidSelectorException.class);
        assertThatThrownBy(() -> session.createBrowser(queue, "color = "))
                .isInstanceOf(InvalidSelectorException.class);
        assertThat(session.createConsumer(queue, "  ").getMessageSelector()).isNull();
        assertThat(session.createConsumer(queue, "color = 'red'").getMessageSelector()).isEqualTo("color = 'red'");
    }

    @Test
    void commitAndRollbackAreOnlyForTransactedSessions() throws JMSException {
        Session session = connection().createSession(Session.AUTO_ACKNOWLEDGE);

        assertThatThrownBy(session::commit).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::rollback).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void recoverIsNotForTransactedSessions() throws JMSException {
        Session session = connection().createSession(Session.SESSION_TRANSACTED);

        assertThatThrownBy(session::recover).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void applicationServerFacilityIsNotOffered() throws JMSException {
        Session session = connection().createSession();

        assertThat(session.getMessageListener()).isNull();
        assertThatThrownBy(() -> session.setMessageListener(m -> { })).isInstanceOf(JMSException.class);
        assertThatThrownBy(session::run).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void queueSessionRefusesTopicMethodsAndTopicSessionQueueMethods() throws JMSException {
        QueueSession queueSession = ((QueueConnection) connection()).createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicSession topicSession = ((TopicConnection) connection()).createTopicSession(false, Session.AUTO_ACKNOWLEDGE);

        assertThatThrownBy(() -> ((Session) queueSession).createTopic("t")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ((Session) queueSession).createTemporaryTopic()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ((Session) queueSession).unsubscribe("s")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ((Session) topicSession).createQueue("q")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ((Session) topicSession).createTemporaryQueue()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ((Session) topicSession).createBrowser(queue())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void legacyQueueSessionSendsAndReceives() throws JMSException {
        QueueConnection connection = (QueueConnection) connection();
        connection.start();
        QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(queue().getQueueName());

        session.createSender(queue).send(session.createTextMessage("legacy"));

        assertThat(receiveText(session.createReceiver(queue))).isEqualTo("legacy");
        assertThat(session.createReceiver(queue).getQueue()).isEqualTo(queue);
    }

    // ---- closing ------------------------------------------------------------------------------------------

    @Test
    void closeIsIdempotent() throws JMSException {
        Session session = connection().createSession();
        session.close();

        assertThatCode(session::close).doesNotThrowAnyException();
    }

    @Test
    void everyMethodOfAClosedSessionThrowsIllegalStateException() throws JMSException {
        Session session = connection().createSession(Session.SESSION_TRANSACTED);
        Queue queue = queue();
        session.close();

        assertThatThrownBy(session::createMessage).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::createTextMessage).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createTextMessage("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::createBytesMessage).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::createMapMessage).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::createStreamMessage).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::createObjectMessage).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createObjectMessage("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::getTransacted).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::getAcknowledgeMode).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::commit).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::rollback).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::recover).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::getMessageListener).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.setMessageListener(null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createProducer(queue)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createConsumer(queue)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createConsumer(queue, null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createConsumer(queue, null, false)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createQueue("q")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createTopic("t")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createBrowser(queue)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::createTemporaryQueue).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::createTemporaryTopic).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.unsubscribe("s")).isInstanceOf(IllegalStateException.class);
        Topic topic = new dev.ferry.jms.destination.FerryTopic("t");
        assertThatThrownBy(() -> session.createDurableConsumer(topic, "d")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createSharedConsumer(topic, "s")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingTheSessionClosesItsProducersAndConsumers() throws JMSException {
        Session session = connection().createSession();
        MessageProducer producer = session.createProducer(queue());
        MessageConsumer consumer = session.createConsumer(queue());

        session.close();

        assertThatThrownBy(producer::getDeliveryMode).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(IllegalStateException.class);
        assertThatCode(producer::close).doesNotThrowAnyException();
        assertThatCode(consumer::close).doesNotThrowAnyException();
    }

    @Test
    void receiveBlockedInAnotherThreadReturnsNullWhenTheSessionCloses() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue());
        CompletableFuture<Message> received = CompletableFuture.supplyAsync(() -> {
            try {
                return consumer.receive();
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(QUIET_MS);

        session.close();

        assertThat(received.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void closeWaitsForTheRunningListener() throws Exception {
        Queue queue = queue();
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        java.util.concurrent.CountDownLatch inListener = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        session.createConsumer(queue).setMessageListener(message -> {
            inListener.countDown();
            try {
                release.await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.set(true);
        });
        sendTexts(queue, "slow");
        assertThat(inListener.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                session.close();
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(QUIET_MS);
        assertThat(closing).isNotDone();

        release.countDown();
        closing.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertThat(finished).isTrue();
        assertThat(drainTexts(queue)).isEmpty();
    }

    @Test
    void listenerMayCloseItsOwnSessionAndItsMessageIsStillAcknowledged() throws Exception {
        Queue queue = queue();
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        CompletableFuture<Exception> outcome = new CompletableFuture<>();
        session.createConsumer(queue).setMessageListener(message -> {
            try {
                session.close();
                outcome.complete(null);
            } catch (JMSException e) {
                outcome.complete(e);
            }
        });

        sendTexts(queue, "last", "returned");

        assertThat(outcome.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isNull();
        assertThat(drainTexts(queue)).containsExactly("returned");
    }

    @Test
    void messagesStayUsableAfterTheirSessionCloses() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "keep");
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        TextMessage message = (TextMessage) receive(session.createConsumer(queue));

        session.close();

        assertThat(message.getText()).isEqualTo("keep");
    }
}
