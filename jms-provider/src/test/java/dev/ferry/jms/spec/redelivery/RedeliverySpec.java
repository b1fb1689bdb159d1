package dev.ferry.jms.spec.redelivery;

import dev.ferry.jms.spec.BrokerSpec;
import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.DestinationPolicy;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redelivery (JMS 3.1 §6.2.10, §8.7) and Ferry's rules for it: JMSRedelivered and JMSXDeliveryCount, the
 * redelivery delay with its backoff, and the dead-letter queue once a message has used up its attempts.
 */
class RedeliverySpec extends BrokerSpec {

    /** A queue whose own policy sets the rules under test, overriding the broker-wide defaults. */
    private Queue queueWithPolicy(Integer maxAttempts, String deadLetterQueue, Long delayMillis, Double backoff)
            throws JMSException {
        Queue queue = queue();
        setPolicy(queue.getQueueName(), maxAttempts, deadLetterQueue, delayMillis, backoff);
        return queue;
    }

    private static void setPolicy(String queueName, Integer maxAttempts, String deadLetterQueue, Long delayMillis,
                                  Double backoff) {
        Destination destination = store().createDestinationIfAbsent(queueName, DestinationKind.QUEUE);
        store().updatePolicy(destination.id(),
                new DestinationPolicy(deadLetterQueue, maxAttempts, delayMillis, backoff, null, null, false));
    }

    @Test
    void redeliveredMessageIsMarkedAndCounted() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "again");
        Session session = session(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(queue);

        for (int attempt = 1; attempt <= 3; attempt++) {
            Message message = receive(consumer);
            assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(attempt);
            assertThat(message.getJMSRedelivered()).isEqualTo(attempt > 1);
            session.rollback();
        }
    }

    @Test
    void rolledBackMessageWaitsForTheRedeliveryDelay() throws JMSException {
        Queue queue = queueWithPolicy(null, null, 400L, null);
        sendTexts(queue, "later");
        Session session = session(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(queue);
        receive(consumer);

        long rolledBackAt = System.nanoTime();
        session.rollback();

        assertThat(consumer.receiveNoWait()).isNull();
        receive(consumer);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rolledBackAt)).isGreaterThanOrEqualTo(380);
        session.commit();
    }

    @Test
    void backoffMultipliesTheDelayForEachFurtherAttempt() throws JMSException {
        Queue queue = queueWithPolicy(null, null, 100L, 4.0);
        sendTexts(queue, "backing off");
        Session session = session(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(queue);
        receive(consumer);
        session.rollback();
        receive(consumer);

        long secondRollbackAt = System.nanoTime();
        session.rollback();
        Message third = receive(consumer);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - secondRollbackAt)).isGreaterThanOrEqualTo(380);
        assertThat(third.getIntProperty("JMSXDeliveryCount")).isEqualTo(3);
        session.commit();
    }

    @Test
    void messageIsDeadLetteredWithItsOriginAndReasonAfterItsAttempts() throws JMSException {
        String deadLetters = queue("dead").getQueueName();
        Queue queue = queueWithPolicy(2, deadLetters, null, null);
        sendTexts(queue, "poison");
        Session session = session(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(queue);
        receive(consumer);
        session.rollback();
        receive(consumer);

        session.rollback();

        assertThat(consumer.receive(QUIET_MS)).isNull();
        Destination deadLetterQueue = store().findDestination(deadLetters, DestinationKind.QUEUE).orElseThrow();
        List<Delivery> dead = store().browse(deadLetterQueue.queueId(), 0, 10);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).originalDestination()).isEqualTo(queue.getQueueName());
        assertThat(dead.get(0).failureReason()).isEqualTo("exceeded 2 delivery attempts");
        Session reader = session(Session.AUTO_ACKNOWLEDGE);
        Message message = receive(reader.createConsumer(reader.createQueue(deadLetters)));
        assertThat(((TextMessage) message).getText()).isEqualTo("poison");
    }

    @Test
    void listenerFailuresCountTowardTheAttempts() throws Exception {
        String deadLetters = queue("dead").getQueueName();
        Queue queue = queueWithPolicy(3, deadLetters, null, null);
        AtomicInteger calls = new AtomicInteger();
        session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue).setMessageListener(message -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("cannot handle this");
        });

        sendTexts(queue, "always fails");

        Session reader = session(Session.AUTO_ACKNOWLEDGE);
        Message dead = receive(reader.createConsumer(reader.createQueue(deadLetters)));
        assertThat(((TextMessage) dead).getText()).isEqualTo("always fails");
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void brokerWideRulesApplyToQueuesWithoutAPolicy() throws Exception {
        String deadLetters = queue("broker-dead").getQueueName();
        FerryConfig config = config(Map.of(FerryProperties.MAX_DELIVERY_ATTEMPTS.key(), "1",
                FerryProperties.DEAD_LETTER_QUEUE.key(), deadLetters));
        Queue queue = queue();
        sendTexts(queue, "one chance");
        Connection connection = connection(config);
        connection.start();
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        receive(session.createConsumer(queue));

        session.rollback();

        Session reader = session(Session.AUTO_ACKNOWLEDGE);
        assertThat(receiveText(reader.createConsumer(reader.createQueue(deadLetters)))).isEqualTo("one chance");
    }

    @Test
    void recoveredMessageIsRedeliveredUnderTheSameRules() throws JMSException {
        String deadLetters = queue("dead").getQueueName();
        Queue queue = queueWithPolicy(1, deadLetters, null, null);
        sendTexts(queue, "client");
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        receive(session.createConsumer(queue));

        session.recover();

        Session reader = session(Session.AUTO_ACKNOWLEDGE);
        assertThat(receiveText(reader.createConsumer(reader.createQueue(deadLetters)))).isEqualTo("client");
    }

    @Test
    void deadLetteredMessageIsNotDeadLetteredAgainFromItsDeadLetterQueue() throws Exception {
        String deadLetters = queue("dead").getQueueName();
        // The dead-letter queue's own rules would move it on after one attempt, were it not a dead letter.
        setPolicy(deadLetters, 1, queue("further").getQueueName(), null, null);
        Queue queue = queueWithPolicy(1, deadLetters, null, null);
        sendTexts(queue, "stays");
        Session session = session(Session.SESSION_TRANSACTED);
        receive(session.createConsumer(queue));
        session.rollback();

        Session reader = session(Session.SESSION_TRANSACTED);
        MessageConsumer deadConsumer = reader.createConsumer(reader.createQueue(deadLetters));
        receive(deadConsumer);
        reader.rollback();

        Message again = receive(deadConsumer);
        assertThat(((TextMessage) again).getText()).isEqualTo("stays");
        reader.commit();
    }

    @Test
    void listenerGetsTheMessageAgainAfterTheRedeliveryDelay() throws Exception {
        Queue queue = queueWithPolicy(null, null, 300L, null);
        long[] deliveredAt = new long[2];
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch twice = new CountDownLatch(2);
        session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue).setMessageListener(message -> {
            int call = calls.getAndIncrement();
            if (call < 2) {
                deliveredAt[call] = System.nanoTime();
            }
            twice.countDown();
            if (call == 0) {
                throw new RuntimeException("not yet");
            }
        });

        sendTexts(queue, "patience");

        assertThat(twice.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(deliveredAt[1] - deliveredAt[0])).isGreaterThanOrEqualTo(280);
    }

    @Test
    void sessionOverridesWinOverTheDestinationsAttemptsAndDelay() throws JMSException {
        String deadLetters = queue("dead").getQueueName();
        Queue queue = queueWithPolicy(5, deadLetters, 60_000L, null);
        sendTexts(queue, "impatient");
        Session session = session(Session.SESSION_TRANSACTED);
        ((dev.ferry.jms.session.FerrySession) session).engine()
                .overrideDeliveryRules(new dev.ferry.jms.engine.DeliveryOverrides(2, 0L));
        MessageConsumer consumer = session.createConsumer(queue);
        receive(consumer);
        session.rollback();
        // the destination's 60 s delay would keep it away; the session's 0 ms brings it back at once
        Message again = consumer.receive(5_000);
        assertThat(again).isNotNull();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);

        session.rollback();

        assertThat(consumer.receive(QUIET_MS)).isNull();
        Destination deadLetterQueue = store().findDestination(deadLetters, DestinationKind.QUEUE).orElseThrow();
        List<Delivery> dead = store().browse(deadLetterQueue.queueId(), 0, 10);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).failureReason()).isEqualTo("exceeded 2 delivery attempts");
    }
}
