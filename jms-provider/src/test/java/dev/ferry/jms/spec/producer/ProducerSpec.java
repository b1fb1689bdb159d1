package dev.ferry.jms.spec.producer;

import dev.ferry.jms.spec.BrokerSpec;
import dev.ferry.jms.spec.ForeignTextMessage;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.config.FerryProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JMS 3.1 §7: sending, the headers a send sets, and what a producer refuses. */
class ProducerSpec extends BrokerSpec {

    // ---- headers ------------------------------------------------------------------------------------------

    @Test
    void sendSetsTheHeadersOnTheApplicationsMessage() throws JMSException {
        Queue queue = queue();
        Session session = connection().createSession();
        TextMessage message = session.createTextMessage("headers");

        long before = System.currentTimeMillis();
        session.createProducer(queue).send(message);
        long after = System.currentTimeMillis();

        assertThat(message.getJMSDestination()).isEqualTo(queue);
        assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(message.getJMSPriority()).isEqualTo(Message.DEFAULT_PRIORITY);
        assertThat(message.getJMSMessageID()).startsWith("ID:");
        assertThat(message.getJMSTimestamp()).isBetween(before, after);
        assertThat(message.getJMSExpiration()).isZero();
        assertThat(message.getJMSDeliveryTime()).isEqualTo(message.getJMSTimestamp());
    }

    @Test
    void receivedMessageCarriesTheHeadersTheSendSet() throws JMSException {
        Queue queue = queue();
        Session session = startedConnection().createSession();
        TextMessage sent = session.createTextMessage("headers");
        session.createProducer(queue).send(sent, DeliveryMode.NON_PERSISTENT, 7, 60_000);

        Message received = receive(session.createConsumer(queue));

        assertThat(received.getJMSMessageID()).isEqualTo(sent.getJMSMessageID());
        assertThat(received.getJMSTimestamp()).isEqualTo(sent.getJMSTimestamp());
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(received.getJMSPriority()).isEqualTo(7);
        assertThat(received.getJMSExpiration()).isEqualTo(sent.getJMSTimestamp() + 60_000);
        assertThat(received.getJMSDestination()).isEqualTo(queue);
        assertThat(received.getJMSRedelivered()).isFalse();
    }

    @Test
    void everySendGetsADistinctMessageId() throws JMSException {
        Session session = connection().createSession();
        MessageProducer producer = session.createProducer(queue());
        Set<String> ids = new HashSet<>();
        TextMessage message = session.createTextMessage("again and again");

        for (int i = 0; i < 20; i++) {
            producer.send(message);
            ids.add(message.getJMSMessageID());
        }

        assertThat(ids).hasSize(20);
    }

    @Test
    void disabledMessageIdsAreNull() throws JMSException {
        Queue queue = queue();
        Session session = startedConnection().createSession();
        MessageProducer producer = session.createProducer(queue);
        producer.setDisableMessageID(true);
        TextMessage message = session.createTextMessage("anonymous");

        producer.send(message);

        assertThat(message.getJMSMessageID()).isNull();
        assertThat(receive(session.createConsumer(queue)).getJMSMessageID()).isNull();
    }

    @Test
    void disabledTimestampsAreZero() throws JMSException {
        Queue queue = queue();
        Session session = startedConnection().createSession();
        MessageProducer producer = session.createProducer(queue);
        producer.setDisableMessageTimestamp(true);

        producer.send(session.createTextMessage("timeless"));

        assertThat(receive(session.createConsumer(queue)).getJMSTimestamp()).isZero();
    }

    @Test
    void producerDefaultsAreThoseOfTheSpec() throws JMSException {
        MessageProducer producer = connection().createSession().createProducer(queue());

        assertThat(producer.getDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(producer.getPriority()).isEqualTo(4);
        assertThat(producer.getTimeToLive()).isZero();
        assertThat(producer.getDeliveryDelay()).isZero();
        assertThat(producer.getDisableMessageID()).isFalse();
        assertThat(producer.getDisableMessageTimestamp()).isFalse();
    }

    @Test
    void everySettingReadsBackWhatWasSet() throws JMSException {
        MessageProducer producer = connection().createSession().createProducer(queue());

        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        producer.setPriority(9);
        producer.setTimeToLive(1234);
        producer.setDeliveryDelay(5678);
        producer.setDisableMessageID(true);
        producer.setDisableMessageTimestamp(true);

        assertThat(producer.getDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(producer.getPriority()).isEqualTo(9);
        assertThat(producer.getTimeToLive()).isEqualTo(1234);
        assertThat(producer.getDeliveryDelay()).isEqualTo(5678);
        assertThat(producer.getDisableMessageID()).isTrue();
        assertThat(producer.getDisableMessageTimestamp()).isTrue();
    }

    @Test
    void outOfRangeSettingsAreRefused() throws JMSException {
        Session session = connection().createSession();
        MessageProducer producer = session.createProducer(queue());

        assertThatThrownBy(() -> producer.setPriority(10)).isInstanceOf(JMSException.class).hasMessageContaining("10");
        assertThatThrownBy(() -> producer.setPriority(-1)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> producer.setDeliveryMode(3)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> producer.setTimeToLive(-1)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> producer.setDeliveryDelay(-1)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> producer.send(session.createTextMessage(), DeliveryMode.PERSISTENT, 11, 0))
                .isInstanceOf(JMSException.class);
        assertThat(producer.getPriority()).isEqualTo(4);
    }

    // ---- delivery semantics -------------------------------------------------------------------------------

    @Test
    void higherPriorityMessagesAreDeliveredFirst() throws JMSException {
        Queue queue = queue();
        Session session = connection().createSession();
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("low"), DeliveryMode.PERSISTENT, 1, 0);
        producer.send(session.createTextMessage("high"), DeliveryMode.PERSISTENT, 9, 0);
        producer.send(session.createTextMessage("normal"), DeliveryMode.PERSISTENT, 4, 0);

        assertThat(drainTexts(queue)).containsExactly("high", "normal", "low");
    }

    @Test
    void expiredMessageIsNeverDelivered() throws Exception {
        Queue queue = queue();
        Session session = connection().createSession();
        MessageProducer producer = session.createProducer(queue);
        producer.setTimeToLive(1);
        producer.send(session.createTextMessage("stale"));
        producer.setTimeToLive(0);
        producer.send(session.createTextMessage("fresh"));
        Thread.sleep(20); // let the first one's millisecond pass

        assertThat(drainTexts(queue)).containsExactly("fresh");
    }

    @Test
    void delayedMessageIsNotDeliveredBeforeItsTime() throws JMSException {
        Queue queue = queue();
        Session session = startedConnection().createSession();
        MessageConsumer consumer = session.createConsumer(queue);
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryDelay(400);
        TextMessage message = session.createTextMessage("later");

        producer.send(message);
        long sentAt = System.currentTimeMillis();

        assertThat(message.getJMSDeliveryTime()).isEqualTo(message.getJMSTimestamp() + 400);
        assertThat(consumer.receiveNoWait()).isNull();
        Message received = receive(consumer);
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(message.getJMSDeliveryTime());
        assertThat(System.currentTimeMillis() - sentAt).isLessThan(TIMEOUT_MS);
        assertThat(received.getJMSDeliveryTime()).isEqualTo(message.getJMSDeliveryTime());
    }

    @Test
    void nonPersistentMessagesAreDelivered() throws JMSException {
        Queue queue = queue();
        Session session = connection().createSession();
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);

        producer.send(session.createTextMessage("volatile"));

        assertThat(drainTexts(queue)).containsExactly("volatile");
    }

    @Test
    void foreignMessageIsSentAndItsHeadersAreSet() throws JMSException {
        Queue queue = queue();
        TextMessage foreign = ForeignTextMessage.create("from elsewhere");
        foreign.setStringProperty("origin", "other provider");

        connection().createSession().createProducer(queue).send(foreign);

        assertThat(foreign.getJMSMessageID()).startsWith("ID:");
        assertThat(foreign.getJMSDestination()).isEqualTo(queue);
        Session session = startedConnection().createSession();
        TextMessage received = (TextMessage) receive(session.createConsumer(queue));
        assertThat(received.getText()).isEqualTo("from elsewhere");
        assertThat(received.getStringProperty("origin")).isEqualTo("other provider");
        assertThat(received.getJMSMessageID()).isEqualTo(foreign.getJMSMessageID());
    }

    @Test
    void oversizedMessageIsRefusedBeforeAnythingIsStored() throws JMSException {
        Queue queue = queue();
        Session session = connection(config(Map.of(FerryProperties.MAX_MESSAGE_SIZE.key(), "1KiB")))
                .createSession();
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(new byte[2048]);
        MessageProducer producer = session.createProducer(queue);

        assertThatThrownBy(() -> producer.send(message))
                .isInstanceOf(ResourceAllocationException.class)
                .hasMessageContaining("ferry.message.maxSize")
                .hasMessageContaining("1024");
        assertThat(store().findDestination(queue.getQueueName(), DestinationKind.QUEUE)).isEmpty();
    }

    @Test
    void messageWithinTheSizeLimitIsSent() throws JMSException {
        Queue queue = queue();
        Session session = connection(config(Map.of(FerryProperties.MAX_MESSAGE_SIZE.key(), "1KiB")))
                .createSession();
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(new byte[512]);

        session.createProducer(queue).send(message);

        assertThat(store().findDestination(queue.getQueueName(), DestinationKind.QUEUE)).isPresent();
        assertThat(store().statistics(store().findDestination(queue.getQueueName(), DestinationKind.QUEUE)
                .orElseThrow().queueId()).ready()).isEqualTo(1);
    }

    // ---- anonymous producers ------------------------------------------------------------------------------

    @Test
    void anonymousProducerSendsToTheDestinationOfEachSend() throws JMSException {
        Queue first = queue("first");
        Queue second = queue("second");
        Session session = connection().createSession();
        MessageProducer producer = session.createProducer(null);

        producer.send(first, session.createTextMessage("one"));
        producer.send(second, session.createTextMessage("two"), DeliveryMode.PERSISTENT, 4, 0);

        assertThat(producer.getDestination()).isNull();
        assertThat(drainTexts(first)).containsExactly("one");
        assertThat(drainTexts(second)).containsExactly("two");
    }

    @Test
    void anonymousProducerNeedsADestinationPerSend() throws JMSException {
        Session session = connection().createSession();
        MessageProducer producer = session.createProducer(null);
        TextMessage message = session.createTextMessage("where to?");

        assertThatThrownBy(() -> producer.send(message)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> producer.send(null, message)).isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void producerWithADestinationRefusesAnotherPerSend() throws JMSException {
        Session session = connection().createSession();
        MessageProducer producer = session.createProducer(queue("own"));

        assertThatThrownBy(() -> producer.send(queue("other"), session.createTextMessage("x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sendingNullIsAFormatError() throws JMSException {
        MessageProducer producer = connection().createSession().createProducer(queue());

        assertThatThrownBy(() -> producer.send(null)).isInstanceOf(MessageFormatException.class);
    }

    // ---- asynchronous send --------------------------------------------------------------------------------

    @Test
    void completionListenerIsCalledOnceTheMessageIsSent() throws Exception {
        Queue queue = queue();
        Session session = connection().createSession();
        TextMessage message = session.createTextMessage("async");
        CompletableFuture<Message> completed = new CompletableFuture<>();

        session.createProducer(queue).send(message, new CompletionListener() {
            @Override
            public void onCompletion(Message done) {
                completed.complete(done);
            }

            @Override
            public void onException(Message failed, Exception exception) {
                completed.completeExceptionally(exception);
            }
        });

        assertThat(completed.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isSameAs(message);
        assertThat(drainTexts(queue)).containsExactly("async");
    }

    @Test
    void completionListenerIsRequired() throws JMSException {
        Session session = connection().createSession();

        assertThatThrownBy(() -> session.createProducer(queue()).send(session.createTextMessage(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void completionListenerMayNotCloseItsSession() throws Exception {
        Session session = connection().createSession();
        CompletableFuture<Exception> outcome = new CompletableFuture<>();

        session.createProducer(queue()).send(session.createTextMessage(), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    session.close();
                    outcome.complete(null);
                } catch (JMSException e) {
                    outcome.complete(e);
                }
            }

            @Override
            public void onException(Message message, Exception exception) {
                outcome.complete(exception);
            }
        });

        assertThat(outcome.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isInstanceOf(IllegalStateException.class);
    }

    // ---- closing ------------------------------------------------------------------------------------------

    @Test
    void everyMethodOfAClosedProducerThrowsIllegalStateException() throws JMSException {
        Session session = connection().createSession();
        MessageProducer producer = session.createProducer(queue());
        TextMessage message = session.createTextMessage();
        producer.close();
        producer.close(); // idempotent

        List<ThrowingCall> calls = List.of(
                () -> producer.send(message),
                () -> producer.send(message, DeliveryMode.PERSISTENT, 4, 0),
                () -> producer.send(queue(), message),
                producer::getDestination,
                producer::getDeliveryMode,
                () -> producer.setDeliveryMode(DeliveryMode.PERSISTENT),
                producer::getPriority,
                () -> producer.setPriority(4),
                producer::getTimeToLive,
                () -> producer.setTimeToLive(0),
                producer::getDeliveryDelay,
                () -> producer.setDeliveryDelay(0),
                producer::getDisableMessageID,
                () -> producer.setDisableMessageID(false),
                producer::getDisableMessageTimestamp,
                () -> producer.setDisableMessageTimestamp(false));
        for (ThrowingCall call : calls) {
            assertThatThrownBy(call::call).isInstanceOf(IllegalStateException.class);
        }
    }

    private interface ThrowingCall {
        void call() throws Exception;
    }
}
