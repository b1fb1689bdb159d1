package dev.ferry.jms.engine;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.testing.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A send to a queue whose consumer in this JVM waits with nothing to do goes straight to that consumer: the
 * consumer gets it without a claim of its own, and everything the specification promises still holds.
 */
class HandOffToConsumerTest {

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final AtomicInteger claims = new AtomicInteger();
    /** Own threads: the common pool may have a single one on a 2-core machine. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        threads.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void messageSentWhileTheConsumerWaitsArrivesWithoutAClaim(TestDatabase database) throws Exception {
        Connection connection = connection(database.newConfig());
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("handed");
        MessageConsumer consumer = session.createConsumer(queue);
        Session producing = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = producing.createProducer(queue);

        CompletableFuture<Message> received = CompletableFuture.supplyAsync(() -> receive(consumer, 20_000), threads);
        int claimsBefore = claimsOnceWaiting(received);
        producer.send(producing.createTextMessage("direct"));
        Message message = received.get(20, TimeUnit.SECONDS);

        assertThat(((TextMessage) message).getText()).isEqualTo("direct");
        assertThat(message.getJMSRedelivered()).isFalse();
        assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        assertThat(claims.get()).as("claims after the consumer started waiting").isEqualTo(claimsBefore);
        assertThat(consumer.receiveNoWait()).as("acknowledged, so consumed").isNull();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void withHandOffSwitchedOffTheWaitingConsumerClaimsTheMessage(TestDatabase database) throws Exception {
        Connection connection = connection(database.newConfig(
                java.util.Map.of(FerryProperties.CONSUMER_HAND_OFF.key(), "false")));
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("claimed");
        MessageConsumer consumer = session.createConsumer(queue);
        Session producing = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);

        CompletableFuture<Message> received = CompletableFuture.supplyAsync(() -> receive(consumer, 20_000), threads);
        int claimsBefore = claimsOnceWaiting(received);
        producing.createProducer(queue).send(producing.createTextMessage("claimed"));

        assertThat(((TextMessage) received.get(20, TimeUnit.SECONDS)).getText()).isEqualTo("claimed");
        assertThat(claims.get()).isGreaterThan(claimsBefore);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void handedOverMessageLeftUnacknowledgedIsRedeliveredToTheNextConsumer(TestDatabase database) throws Exception {
        Connection connection = connection(database.newConfig());
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("handed");
        MessageConsumer consumer = session.createConsumer(queue);
        Session producing = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);

        CompletableFuture<Message> received = CompletableFuture.supplyAsync(() -> receive(consumer, 20_000), threads);
        claimsOnceWaiting(received);
        producing.createProducer(queue).send(producing.createTextMessage("not acknowledged"));
        assertThat(received.get(20, TimeUnit.SECONDS)).isNotNull();
        session.close();

        Session next = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Message again = next.createConsumer(queue).receive(10_000);
        assertThat(((TextMessage) again).getText()).isEqualTo("not acknowledged");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void groupedAndDelayedMessagesAreClaimedNotHandedOver(TestDatabase database) throws Exception {
        Connection connection = connection(database.newConfig());
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("claimed");
        MessageConsumer consumer = session.createConsumer(queue);
        Session producing = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = producing.createProducer(queue);

        CompletableFuture<Message> received = CompletableFuture.supplyAsync(() -> receive(consumer, 20_000), threads);
        int claimsBefore = claimsOnceWaiting(received);
        TextMessage grouped = producing.createTextMessage("grouped");
        grouped.setStringProperty("JMSXGroupID", "g1");
        producer.send(grouped);
        assertThat(((TextMessage) received.get(20, TimeUnit.SECONDS)).getText()).isEqualTo("grouped");
        assertThat(claims.get()).as("the group's owner is decided by a claim").isGreaterThan(claimsBefore);

        received = CompletableFuture.supplyAsync(() -> receive(consumer, 20_000), threads);
        claimsBefore = claimsOnceWaiting(received);
        producer.setDeliveryDelay(300);
        long sent = System.currentTimeMillis();
        producer.send(producing.createTextMessage("delayed"));
        assertThat(((TextMessage) received.get(20, TimeUnit.SECONDS)).getText()).isEqualTo("delayed");
        assertThat(System.currentTimeMillis() - sent).isGreaterThanOrEqualTo(290);
        assertThat(claims.get()).isGreaterThan(claimsBefore);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void eachProducersMessagesArriveOnceAndInOrderWhileConsumersAlternateBetweenWaitingAndWorking(
            TestDatabase database) throws Exception {
        Connection connection = connection(database.newConfig());
        Queue queue;
        try (Session setup = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            queue = setup.createQueue("ordered");
        }
        int producers = 2;
        int perProducer = 300;
        List<CompletableFuture<List<String>>> consumers = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(queue);
            consumers.add(CompletableFuture.supplyAsync(() -> {
                List<String> got = new ArrayList<>();
                for (Message m = receive(consumer, 3_000); m != null; m = receive(consumer, 3_000)) {
                    try {
                        got.add(((TextMessage) m).getText());
                    } catch (JMSException e) {
                        throw new IllegalStateException(e);
                    }
                    if (got.size() % 7 == 0) {
                        pause(3); // now and then busy, so that sends meet both waiting and working consumers
                    }
                }
                return got;
            }, threads));
        }
        List<CompletableFuture<Void>> sending = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            String name = "p" + p;
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(queue);
            sending.add(CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < perProducer; i++) {
                        producer.send(session.createTextMessage(name + ":" + i));
                        if (i % 11 == 0) {
                            pause(2);
                        }
                    }
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            }, threads));
        }
        CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

        List<String> all = new ArrayList<>();
        for (CompletableFuture<List<String>> consumer : consumers) {
            List<String> got = consumer.get(120, TimeUnit.SECONDS);
            for (int p = 0; p < producers; p++) {
                String prefix = "p" + p + ":";
                List<Integer> sequence = got.stream().filter(text -> text.startsWith(prefix))
                        .map(text -> Integer.parseInt(text.substring(prefix.length()))).toList();
                assertThat(sequence).as("one producer's messages as one consumer saw them").isSorted();
            }
            all.addAll(got);
        }
        assertThat(all).hasSize(producers * perProducer).doesNotHaveDuplicates();
    }

    /** A connection whose broker's store counts the claims made through it. */
    private Connection connection(FerryConfig config) throws JMSException {
        Broker broker = Broker.acquire(config, this::countingClaims);
        resources.add(broker::release);
        Connection connection = new FerryConnectionFactory(config).createConnection();
        resources.add(connection);
        connection.start();
        return connection;
    }

    private MessageStore countingClaims(FerryConfig config) {
        MessageStore store = MessageStores.open(config);
        return (MessageStore) Proxy.newProxyInstance(MessageStore.class.getClassLoader(),
                new Class<?>[] {MessageStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("claim")) {
                        claims.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Waits until the pending receive has made its (empty) claim and is waiting; returns the claims so far. */
    private int claimsOnceWaiting(CompletableFuture<Message> received) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int seen = claims.get();
        // the receive claims once and then waits; settled when the count stays put for a while
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);
            int now = claims.get();
            if (now == seen && now > 0 && !received.isDone()) {
                return now;
            }
            seen = now;
        }
        throw new AssertionError("the consumer did not start waiting");
    }

    private static Message receive(MessageConsumer consumer, long timeoutMillis) {
        try {
            return consumer.receive(timeoutMillis);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
