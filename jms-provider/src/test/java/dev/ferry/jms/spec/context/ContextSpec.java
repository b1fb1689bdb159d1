package dev.ferry.jms.spec.context;

import dev.ferry.jms.spec.BrokerSpec;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JMS 3.1 §2.7, §7.2, §8.3: the simplified API — JMSContext, JMSProducer, JMSConsumer. */
class ContextSpec extends BrokerSpec {

    // ---- sending bodies -----------------------------------------------------------------------------------

    @Test
    void textBodyIsSentAndReceivedAsBody() {
        JMSContext context = context();
        Queue queue = queue();

        context.createProducer().send(queue, "plain text");

        assertThat(context.createConsumer(queue).receiveBody(String.class, TIMEOUT_MS)).isEqualTo("plain text");
    }

    @Test
    void mapBytesAndObjectBodiesAreSentAsTheirMessageTypes() {
        JMSContext context = context();
        Queue queue = queue();
        JMSProducer producer = context.createProducer();

        producer.send(queue, Map.<String, Object>of("k", 1));
        producer.send(queue, new byte[] {4, 2});
        producer.send(queue, (java.io.Serializable) List.of("x"));

        JMSConsumer consumer = context.createConsumer(queue);
        assertThat(consumer.receiveBody(Map.class, TIMEOUT_MS)).isEqualTo(Map.of("k", 1));
        assertThat(consumer.receiveBody(byte[].class, TIMEOUT_MS)).containsExactly(4, 2);
        assertThat(consumer.receiveBody(List.class, TIMEOUT_MS)).isEqualTo(List.of("x"));
    }

    @Test
    void nullBodiesSendMessagesWithoutBody() {
        JMSContext context = context();
        Queue queue = queue();
        JMSProducer producer = context.createProducer();

        producer.send(queue, (Map<String, Object>) null);
        producer.send(queue, (byte[]) null);

        JMSConsumer consumer = context.createConsumer(queue);
        assertThat(consumer.receive(TIMEOUT_MS)).isInstanceOf(MapMessage.class);
        assertThat(consumer.receive(TIMEOUT_MS)).isInstanceOf(BytesMessage.class);
    }

    @Test
    void mapBodyWithAnUnsupportedValueIsAFormatError() {
        JMSProducer producer = context().createProducer();

        assertThatThrownBy(() -> producer.send(queue(), Map.<String, Object>of("k", new Object())))
                .isInstanceOf(MessageFormatRuntimeException.class);
    }

    @Test
    void sendingNullMessageOrToNullDestinationIsRefused() {
        JMSContext context = context();
        JMSProducer producer = context.createProducer();

        assertThatThrownBy(() -> producer.send(queue(), (Message) null)).isInstanceOf(MessageFormatRuntimeException.class);
        assertThatThrownBy(() -> producer.send(null, context.createMessage()))
                .isInstanceOf(InvalidDestinationRuntimeException.class);
    }

    // ---- receiveBody --------------------------------------------------------------------------------------

    @Test
    void receiveBodyOfTheWrongTypeLeavesTheMessageNextInAutoMode() {
        JMSContext context = context();
        Queue queue = queue();
        context.createProducer().send(queue, "text, not bytes");
        JMSConsumer consumer = context.createConsumer(queue);

        assertThatThrownBy(() -> consumer.receiveBody(byte[].class, TIMEOUT_MS))
                .isInstanceOf(MessageFormatRuntimeException.class);

        Message again = consumer.receive(TIMEOUT_MS);
        assertThat(again).isInstanceOf(TextMessage.class);
        assertThat(uncheckedRedelivered(again)).isFalse();
    }

    @Test
    void receiveBodyOfTheWrongTypeCountsAsDeliveredInClientMode() {
        JMSContext context = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue queue = queue();
        context.createProducer().send(queue, "text");
        JMSConsumer consumer = context.createConsumer(queue);

        assertThatThrownBy(() -> consumer.receiveBody(Integer.class, TIMEOUT_MS))
                .isInstanceOf(MessageFormatRuntimeException.class);

        assertThat(consumer.receiveNoWait()).isNull();
        context.recover();
        Message again = consumer.receive(TIMEOUT_MS);
        assertThat(uncheckedRedelivered(again)).isTrue();
        context.acknowledge();
    }

    @Test
    void receiveBodyRefusesMessagesWithoutAReturnableBody() {
        JMSContext context = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue queue = queue();
        context.createProducer().send(queue, context.createMessage());
        context.createProducer().send(queue, context.createStreamMessage());
        JMSConsumer consumer = context.createConsumer(queue);

        assertThatThrownBy(() -> consumer.receiveBody(Object.class, TIMEOUT_MS))
                .isInstanceOf(MessageFormatRuntimeException.class);
        assertThatThrownBy(() -> consumer.receiveBody(Object.class, TIMEOUT_MS))
                .isInstanceOf(MessageFormatRuntimeException.class);
    }

    @Test
    void receiveBodyNoWaitReturnsNullOnAnEmptyQueue() {
        assertThat(context().createConsumer(queue()).receiveBodyNoWait(String.class)).isNull();
    }

    // ---- producer settings and properties ----------------------------------------------------------------

    @Test
    void producerPropertiesAndHeadersAreAppliedToEveryMessage() throws Exception {
        JMSContext context = context();
        Queue queue = queue();
        Queue replies = queue("replies");
        context.createProducer()
                .setProperty("region", "eu")
                .setProperty("attempt", 3)
                .setJMSCorrelationID("c-1")
                .setJMSType("Greeting")
                .setJMSReplyTo(replies)
                .setPriority(8)
                .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                .send(queue, "hello");

        Message message = context.createConsumer(queue).receive(TIMEOUT_MS);

        assertThat(message.getStringProperty("region")).isEqualTo("eu");
        assertThat(message.getIntProperty("attempt")).isEqualTo(3);
        assertThat(message.getJMSCorrelationID()).isEqualTo("c-1");
        assertThat(message.getJMSType()).isEqualTo("Greeting");
        assertThat(message.getJMSReplyTo()).isEqualTo(replies);
        assertThat(message.getJMSPriority()).isEqualTo(8);
        assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
    }

    @Test
    void producerPropertyGettersConvertLikeMessageProperties() {
        JMSProducer producer = context().createProducer().setProperty("n", 5).setProperty("s", "7");

        assertThat(producer.getStringProperty("n")).isEqualTo("5");
        assertThat(producer.getLongProperty("n")).isEqualTo(5L);
        assertThat(producer.getIntProperty("s")).isEqualTo(7);
        assertThat(producer.propertyExists("n")).isTrue();
        assertThat(producer.getPropertyNames()).containsExactly("n", "s");
        assertThatThrownBy(() -> producer.getBooleanProperty("n")).isInstanceOf(MessageFormatRuntimeException.class);
        assertThatThrownBy(() -> producer.setProperty("bad", new Object()))
                .isInstanceOf(MessageFormatRuntimeException.class);
        assertThatThrownBy(() -> producer.setProperty("", 1)).isInstanceOf(IllegalArgumentException.class);

        producer.clearProperties();
        assertThat(producer.getPropertyNames()).isEmpty();
    }

    @Test
    void everyProducerSettingReadsBackWhatWasSet() {
        JMSProducer producer = context().createProducer();
        CompletionListener listener = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
            }

            @Override
            public void onException(Message message, Exception exception) {
            }
        };
        Queue replyTo = queue();

        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT).setPriority(2).setTimeToLive(3000)
                .setDeliveryDelay(4000).setDisableMessageID(true).setDisableMessageTimestamp(true)
                .setAsync(listener).setJMSType("t").setJMSReplyTo(replyTo).setJMSCorrelationIDAsBytes(new byte[] {1});

        assertThat(producer.getDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(producer.getPriority()).isEqualTo(2);
        assertThat(producer.getTimeToLive()).isEqualTo(3000);
        assertThat(producer.getDeliveryDelay()).isEqualTo(4000);
        assertThat(producer.getDisableMessageID()).isTrue();
        assertThat(producer.getDisableMessageTimestamp()).isTrue();
        assertThat(producer.getAsync()).isSameAs(listener);
        assertThat(producer.getJMSType()).isEqualTo("t");
        assertThat(producer.getJMSReplyTo()).isEqualTo(replyTo);
        assertThat(producer.getJMSCorrelationIDAsBytes()).containsExactly(1);
        producer.setJMSCorrelationID("text");
        assertThat(producer.getJMSCorrelationID()).isEqualTo("text");
    }

    @Test
    void invalidProducerSettingsAreRefused() {
        JMSProducer producer = context().createProducer();

        assertThatThrownBy(() -> producer.setPriority(10)).isInstanceOf(JMSRuntimeException.class);
        assertThatThrownBy(() -> producer.setDeliveryMode(0)).isInstanceOf(JMSRuntimeException.class);
        assertThatThrownBy(() -> producer.setTimeToLive(-1)).isInstanceOf(JMSRuntimeException.class);
        assertThatThrownBy(() -> producer.setDeliveryDelay(-1)).isInstanceOf(JMSRuntimeException.class);
    }

    @Test
    void producerDeliveryDelayHoldsTheMessageBack() {
        JMSContext context = context();
        Queue queue = queue();
        JMSConsumer consumer = context.createConsumer(queue);

        context.createProducer().setDeliveryDelay(300).send(queue, "delayed");
        long sentAt = System.nanoTime();

        assertThat(consumer.receiveNoWait()).isNull();
        assertThat(consumer.receiveBody(String.class, TIMEOUT_MS)).isEqualTo("delayed");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt)).isGreaterThanOrEqualTo(250);
    }

    @Test
    void asyncSendCallsTheCompletionListener() throws Exception {
        JMSContext context = context();
        Queue queue = queue();
        CompletableFuture<Message> done = new CompletableFuture<>();

        context.createProducer().setAsync(new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                done.complete(message);
            }

            @Override
            public void onException(Message message, Exception exception) {
                done.completeExceptionally(exception);
            }
        }).send(queue, "async");

        assertThat(((TextMessage) done.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).getText()).isEqualTo("async");
        assertThat(context.createConsumer(queue).receiveBody(String.class, TIMEOUT_MS)).isEqualTo("async");
    }

    // ---- context lifecycle --------------------------------------------------------------------------------

    @Test
    void contextReportsItsSessionMode() {
        assertThat(context().getSessionMode()).isEqualTo(JMSContext.AUTO_ACKNOWLEDGE);
        assertThat(context(JMSContext.DUPS_OK_ACKNOWLEDGE).getSessionMode()).isEqualTo(JMSContext.DUPS_OK_ACKNOWLEDGE);
        JMSContext transacted = context(JMSContext.SESSION_TRANSACTED);
        assertThat(transacted.getTransacted()).isTrue();
        assertThat(transacted.getSessionMode()).isEqualTo(JMSContext.SESSION_TRANSACTED);
    }

    @Test
    void invalidSessionModeIsRefused() {
        assertThatThrownBy(() -> factory().createContext(99)).isInstanceOf(JMSRuntimeException.class);
        assertThatThrownBy(() -> context().createContext(99)).isInstanceOf(JMSRuntimeException.class);
    }

    @Test
    void autoStartStartsDeliveryWhenAConsumerIsCreated() {
        JMSContext context = context();
        Queue queue = queue();
        context.createProducer().send(queue, "auto");

        assertThat(context.getAutoStart()).isTrue();
        assertThat(context.createConsumer(queue).receiveBody(String.class, TIMEOUT_MS)).isEqualTo("auto");
    }

    @Test
    void withoutAutoStartNothingIsDeliveredUntilStart() {
        JMSContext context = context();
        context.setAutoStart(false);
        Queue queue = queue();
        context.createProducer().send(queue, "manual");
        JMSConsumer consumer = context.createConsumer(queue);

        assertThat(consumer.receive(QUIET_MS)).isNull();

        context.start();
        assertThat(consumer.receiveBody(String.class, TIMEOUT_MS)).isEqualTo("manual");
    }

    @Test
    void contextsCreatedFromAContextShareItsConnectionUntilTheLastCloses() {
        JMSContext first = context();
        JMSContext second = closeLater(first.createContext(JMSContext.SESSION_TRANSACTED));
        Queue queue = queue();

        first.close();
        second.createProducer().send(queue, "still connected");
        second.commit();

        assertThat(second.createConsumer(queue).receiveBody(String.class, TIMEOUT_MS)).isEqualTo("still connected");
        second.commit();
        second.close();
        assertThatThrownBy(second::getClientID).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @Test
    void transactedContextCommitsAndRollsBack() {
        JMSContext context = context(JMSContext.SESSION_TRANSACTED);
        Queue queue = queue();
        JMSProducer producer = context.createProducer();

        producer.send(queue, "rolled back");
        context.rollback();
        producer.send(queue, "committed");
        context.commit();

        JMSConsumer consumer = context.createConsumer(queue);
        assertThat(consumer.receiveBody(String.class, TIMEOUT_MS)).isEqualTo("committed");
        context.commit();
        assertThat(consumer.receiveNoWait()).isNull();
    }

    @Test
    void commitOutsideATransactionIsAnIllegalStateRuntimeException() {
        assertThatThrownBy(() -> context().commit()).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @Test
    void acknowledgeAcknowledgesEverythingConsumedInClientMode() throws Exception {
        Queue queue = queue();
        JMSContext context = context(JMSContext.CLIENT_ACKNOWLEDGE);
        context.createProducer().send(queue, "1").send(queue, "2");
        JMSConsumer consumer = context.createConsumer(queue);
        consumer.receive(TIMEOUT_MS);
        consumer.receive(TIMEOUT_MS);

        context.acknowledge();
        context.close();

        assertThat(drainTexts(queue)).isEmpty();
    }

    @Test
    void clientIdCanBeSetRightAfterCreationOnly() {
        JMSContext fresh = context();
        fresh.setClientID("context-" + database);
        assertThat(fresh.getClientID()).isEqualTo("context-" + database);

        JMSContext used = context();
        used.createProducer().send(queue(), "x");
        assertThatThrownBy(() -> used.setClientID("too-late-" + database))
                .isInstanceOf(IllegalStateRuntimeException.class);
    }

    @Test
    void clientIdInUseIsAnInvalidClientIdRuntimeException() {
        context().setClientID("shared-" + database);

        assertThatThrownBy(() -> context().setClientID("shared-" + database))
                .isInstanceOf(InvalidClientIDRuntimeException.class);
    }

    @Test
    void listenerMayNotStopOrCloseItsOwnContext() throws Exception {
        JMSContext context = context();
        Queue queue = queue();
        AtomicReference<RuntimeException> stopFailure = new AtomicReference<>();
        AtomicReference<RuntimeException> closeFailure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        context.createConsumer(queue).setMessageListener(message -> {
            try {
                context.stop();
            } catch (RuntimeException e) {
                stopFailure.set(e);
            }
            try {
                context.close();
            } catch (RuntimeException e) {
                closeFailure.set(e);
            }
            done.countDown();
        });

        context.createProducer().send(queue, "x");

        assertThat(done.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(stopFailure.get()).isInstanceOf(IllegalStateRuntimeException.class);
        assertThat(closeFailure.get()).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @Test
    void metaDataIsAvailableFromTheContext() throws Exception {
        assertThat(context().getMetaData().getJMSProviderName()).isEqualTo("Ferry");
    }

    @Test
    void closeIsIdempotentAndEverythingElseOnAClosedContextIsIllegal() {
        JMSContext context = context();
        Queue queue = queue();
        context.close();

        assertThatCode(context::close).doesNotThrowAnyException();
        List<Runnable> calls = List.of(
                context::createProducer,
                () -> context.createConsumer(queue),
                () -> context.createBrowser(queue),
                context::createTextMessage,
                context::createMessage,
                context::commit,
                context::rollback,
                context::recover,
                context::acknowledge,
                context::start,
                context::stop,
                context::getClientID,
                () -> context.setClientID("x"),
                context::getMetaData,
                context::getSessionMode,
                context::getTransacted,
                () -> context.createQueue("q"),
                context::createTemporaryQueue,
                () -> context.createContext(JMSContext.AUTO_ACKNOWLEDGE),
                context::getAutoStart,
                () -> context.setAutoStart(true),
                () -> context.unsubscribe("s"));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(IllegalStateRuntimeException.class);
        }
    }

    @Test
    void consumerMayBeClosedAndThenRefusesReceive() {
        JMSConsumer consumer = context().createConsumer(queue());
        consumer.close();

        assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(IllegalStateRuntimeException.class);
    }

    private static boolean uncheckedRedelivered(Message message) {
        try {
            return message.getJMSRedelivered();
        } catch (jakarta.jms.JMSException e) {
            throw new RuntimeException(e);
        }
    }
}
