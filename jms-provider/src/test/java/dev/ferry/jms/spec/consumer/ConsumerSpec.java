package dev.ferry.jms.spec.consumer;

import dev.ferry.jms.spec.BrokerSpec;
import dev.ferry.store.config.FerryProperties;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JMS 3.1 §8: receiving messages synchronously and through listeners. */
class ConsumerSpec extends BrokerSpec {

    @Test
    void receiveReturnsTheSentMessage() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "hello");
        MessageConsumer consumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);

        assertThat(receiveText(consumer)).isEqualTo("hello");
    }

    @Test
    void receiveNoWaitFindsAMessageCommittedJustBefore() throws JMSException {
        Queue queue = queue();
        MessageConsumer consumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        sendTexts(queue, "ready");

        Message message = consumer.receiveNoWait();

        assertThat(message).isNotNull();
        assertThat(((TextMessage) message).getText()).isEqualTo("ready");
    }

    @Test
    void receiveNoWaitReturnsNullWhenTheQueueIsEmpty() throws JMSException {
        MessageConsumer consumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue());

        assertThat(consumer.receiveNoWait()).isNull();
    }

    @Test
    void receiveWithTimeoutReturnsNullAfterTheTimeoutWhenNothingArrives() throws JMSException {
        MessageConsumer consumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue());

        long start = System.nanoTime();
        Message message = consumer.receive(150);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(message).isNull();
        assertThat(waitedMillis).isGreaterThanOrEqualTo(140);
    }

    @Test
    void negativeReceiveTimeoutIsRefused() throws JMSException {
        MessageConsumer consumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue());

        assertThatThrownBy(() -> consumer.receive(-5)).isInstanceOf(JMSException.class).hasMessageContaining("-5");
    }

    @Test
    void idleConsumerWakesAsSoonAsAMessageIsSentWithoutWaitingForThePoll() throws Exception {
        // A polling fallback of a minute: only the in-JVM wake-up can deliver within the timeout below.
        Connection connection = connection(config(Map.of(FerryProperties.POLL_INTERVAL.key(), "60s")));
        connection.start();
        Queue queue = queue();
        MessageConsumer consumer = connection.createSession().createConsumer(queue);
        CompletableFuture<Message> received = CompletableFuture.supplyAsync(() -> {
            try {
                return consumer.receive(TIMEOUT_MS);
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(QUIET_MS); // let the receive go idle

        Session sender = connection.createSession();
        sender.createProducer(queue).send(sender.createTextMessage("wake up"));

        Message message = received.get(5, TimeUnit.SECONDS);
        assertThat(((TextMessage) message).getText()).isEqualTo("wake up");
    }

    @Test
    void messagesOfOnePriorityArriveInSendOrder() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "1", "2", "3", "4", "5");
        MessageConsumer consumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);

        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            texts.add(receiveText(consumer));
        }

        assertThat(texts).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void messageListenerReceivesMessages() throws Exception {
        Queue queue = queue();
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        List<String> texts = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch received = new CountDownLatch(3);
        session.createConsumer(queue).setMessageListener(message -> {
            try {
                texts.add(((TextMessage) message).getText());
            } catch (JMSException e) {
                texts.add("failed: " + e);
            }
            received.countDown();
        });

        sendTexts(queue, "a", "b", "c");

        assertThat(received.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(texts).containsExactly("a", "b", "c");
    }

    @Test
    void listenersOfOneSessionAreCalledOneAtATime() throws Exception {
        Queue first = queue("first");
        Queue second = queue("second");
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch received = new CountDownLatch(10);
        jakarta.jms.MessageListener listener = message -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            received.countDown();
        };
        session.createConsumer(first).setMessageListener(listener);
        session.createConsumer(second).setMessageListener(listener);

        sendTexts(first, "1", "2", "3", "4", "5");
        sendTexts(second, "1", "2", "3", "4", "5");

        assertThat(received.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void competingConsumersEachGetDistinctMessages() throws Exception {
        Queue queue = queue();
        Connection connection = connection(config(Map.of(FerryProperties.PREFETCH.key(), "2")));
        int count = 40;
        Set<String> first = Collections.synchronizedSet(new HashSet<>());
        Set<String> second = Collections.synchronizedSet(new HashSet<>());
        CountDownLatch all = new CountDownLatch(count);
        AtomicInteger duplicates = new AtomicInteger();
        connection.createSession().createConsumer(queue).setMessageListener(m -> collect(m, first, second, duplicates, all));
        connection.createSession().createConsumer(queue).setMessageListener(m -> collect(m, second, first, duplicates, all));
        connection.start();

        String[] texts = new String[count];
        for (int i = 0; i < count; i++) {
            texts[i] = "m" + i;
        }
        sendTexts(queue, texts);

        assertThat(all.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(duplicates.get()).isZero();
        Set<String> union = new HashSet<>(first);
        union.addAll(second);
        assertThat(union).hasSize(count);
    }

    private static void collect(Message message, Set<String> mine, Set<String> other, AtomicInteger duplicates,
                                CountDownLatch all) {
        try {
            String text = ((TextMessage) message).getText();
            if (!mine.add(text) || other.contains(text)) {
                duplicates.incrementAndGet();
            }
            Thread.sleep(1);
        } catch (JMSException e) {
            duplicates.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.countDown();
    }

    @Test
    void closingAConsumerReturnsItsPrefetchedMessagesUnconsumed() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "1", "2", "3", "4");
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(receiveText(consumer)).isEqualTo("1");

        consumer.close();
        MessageConsumer next = session.createConsumer(queue);

        Message second = receive(next);
        assertThat(((TextMessage) second).getText()).isEqualTo("2");
        assertThat(second.getJMSRedelivered()).isFalse();
        assertThat(second.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        assertThat(receiveText(next)).isEqualTo("3");
        assertThat(receiveText(next)).isEqualTo("4");
    }

    @Test
    void consumerWithAListenerCannotAlsoReceive() throws JMSException {
        MessageConsumer consumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue());
        consumer.setMessageListener(message -> { });

        assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void listenerMayCloseItsOwnConsumer() throws Exception {
        Queue queue = queue();
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch closed = new CountDownLatch(1);
        consumer.setMessageListener(message -> {
            calls.incrementAndGet();
            try {
                consumer.close();
            } catch (JMSException e) {
                failure.set(e);
            }
            closed.countDown();
        });

        sendTexts(queue, "1", "2");

        assertThat(closed.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(failure.get()).isNull();
        assertThat(drainTexts(queue)).containsExactly("2");
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void closeWaitsForTheRunningListener() throws Exception {
        Queue queue = queue();
        MessageConsumer consumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        consumer.setMessageListener(message -> {
            inListener.countDown();
            try {
                release.await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.incrementAndGet();
        });
        sendTexts(queue, "slow");
        assertThat(inListener.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                consumer.close();
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(QUIET_MS);
        assertThat(closing).isNotDone();

        release.countDown();
        closing.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertThat(finished.get()).isEqualTo(1);
    }

    @Test
    void receiveBlockedInAnotherThreadReturnsNullWhenTheConsumerCloses() throws Exception {
        MessageConsumer consumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue());
        CompletableFuture<Message> received = CompletableFuture.supplyAsync(() -> {
            try {
                return consumer.receive();
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(QUIET_MS);

        consumer.close();

        assertThat(received.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void everyMethodOfAClosedConsumerThrowsIllegalStateException() throws JMSException {
        MessageConsumer consumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue());
        consumer.close();
        consumer.close(); // idempotent

        assertThatThrownBy(consumer::receive).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> consumer.receive(10)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(consumer::getMessageListener).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> consumer.setMessageListener(m -> { })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(consumer::getMessageSelector).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void consumersOnTwoBrokersOfOneDatabaseShareTheQueue() throws JMSException {
        // Another broker on the same database is what another JVM would be: it sees the message through the
        // database, by its polling fallback.
        Queue queue = queue();
        Connection other = connection(config(Map.of(FerryProperties.POLL_INTERVAL.key(), "50ms")));
        other.start();
        MessageConsumer consumer = other.createSession().createConsumer(queue);

        sendTexts(queue, "across");

        assertThat(receiveText(consumer)).isEqualTo("across");
    }

    @Test
    void receiveNoWaitAsksTheStoreEvenWhenNoWakeUpArrived() throws JMSException {
        // An idle consumer waits for a wake-up before it looks at the store again; receiveNoWait does not wait,
        // so it must look at once, even for a send of another node that rang no bell here.
        Queue queue = queue();
        Connection other = connection(config(Map.of(FerryProperties.POLL_INTERVAL.key(), "60s")));
        other.start();
        MessageConsumer consumer = other.createSession().createConsumer(queue);
        assertThat(consumer.receiveNoWait()).isNull();

        sendTexts(queue, "unannounced");

        Message received = consumer.receiveNoWait();
        assertThat(received).isNotNull();
        assertThat(((TextMessage) received).getText()).isEqualTo("unannounced");
    }

    @Test
    void idleConsumerWokenByASendOfItsOwnNodeReceivesAtOnce() throws JMSException {
        Queue queue = queue();
        Connection connection = connection(config(Map.of(FerryProperties.POLL_INTERVAL.key(), "60s")));
        connection.start();
        MessageConsumer consumer = connection.createSession().createConsumer(queue);
        assertThat(consumer.receive(QUIET_MS)).isNull();

        try (Connection sameNode = new dev.ferry.jms.connection.FerryConnectionFactory(
                config(Map.of(FerryProperties.POLL_INTERVAL.key(), "60s"))).createConnection()) {
            Session session = sameNode.createSession();
            session.createProducer(queue).send(session.createTextMessage("rung"));
        }

        long start = System.nanoTime();
        assertThat(receiveText(consumer)).isEqualTo("rung");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void sessionWithAutoAcknowledgeDeliversEachMessageOnce() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "once");
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(receiveText(consumer)).isEqualTo("once");

        session.close();

        assertThat(drainTexts(queue)).isEmpty();
    }

    @Test
    void pausedQueueDeliversNothingUntilAnOperatorResumesIt() throws JMSException {
        Queue queue = queue();
        dev.ferry.store.Destination destination = store().createDestinationIfAbsent(queue.getQueueName(),
                dev.ferry.store.DestinationKind.QUEUE);
        store().updatePolicy(destination.id(), new dev.ferry.store.DestinationPolicy(null, null, null, null, null,
                null, true));
        sendTexts(queue, "held back");
        MessageConsumer consumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);

        assertThat(consumer.receive(QUIET_MS)).isNull();

        store().updatePolicy(destination.id(), dev.ferry.store.DestinationPolicy.DEFAULTS);
        assertThat(receiveText(consumer)).isEqualTo("held back");
    }

    @Test
    void producerAndConsumerOfOneSessionWork() throws JMSException {
        Queue queue = queue();
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);

        producer.send(session.createTextMessage("loop"));

        assertThat(receiveText(consumer)).isEqualTo("loop");
    }
}
