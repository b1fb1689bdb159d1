package dev.ferry.bench.workload;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One publisher, several non-durable subscribers, non-persistent messages: every subscriber must get
 * every message once. The rate is published messages per second, each delivered to all subscribers.
 */
final class TopicFanout {

    private static final long RECEIVE_MILLIS = 100;
    private static final long STRAY_WAIT_MILLIS = 300;

    private final int subscribers;
    private final int messageSize;

    TopicFanout(int subscribers, int messageSize) {
        this.subscribers = subscribers;
        this.messageSize = messageSize;
    }

    Outcome run(ConnectionFactory factory, String topicName, WorkloadSettings settings) throws Exception {
        Outcome outcome = new Outcome();
        SendBudget warmup = settings.warmupBudget();
        if (warmup != null) {
            QueueThroughput.Pass pass = pass(factory, topicName + ".warmup", warmup, settings.completionTimeout(),
                    outcome);
            outcome.metric("warmupMessages", pass.messages());
        }
        QueueThroughput.Pass measured = pass(factory, topicName, settings.measureBudget(),
                settings.completionTimeout(), outcome);
        return outcome.metric("msgsPerSec", QueueThroughput.round(measured.perSecond()))
                .metric("deliveriesPerSec", QueueThroughput.round(measured.perSecond() * subscribers))
                .metric("messages", measured.messages())
                .metric("elapsedMillis", measured.elapsedNanos() / 1_000_000);
    }

    private QueueThroughput.Pass pass(ConnectionFactory factory, String topicName, SendBudget budget,
                                      Duration completionTimeout, Outcome outcome) throws Exception {
        List<DeliveryLedger> ledgers = new ArrayList<>();
        try (Clients clients = new Clients(factory); Crew crew = new Crew("topic")) {
            List<MessageConsumer> consumers = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                ledgers.add(new DeliveryLedger(topicName + " subscriber " + (i + 1)));
                consumers.add(subscribe(clients, topicName));
            }
            AtomicLong lastReceived = new AtomicLong();
            AtomicLong receiveDeadline = new AtomicLong(Long.MAX_VALUE);
            Crew.Group subscriberGroup = crew.group("subscribers of " + topicName);
            for (int i = 0; i < subscribers; i++) {
                MessageConsumer consumer = consumers.get(i);
                DeliveryLedger ledger = ledgers.get(i);
                subscriberGroup.start(() -> receive(consumer, ledger, crew, lastReceived, receiveDeadline,
                        completionTimeout));
            }

            Crew.Group publisher = crew.group("publisher of " + topicName);
            CountDownLatch ready = new CountDownLatch(1);
            CountDownLatch go = new CountDownLatch(1);
            publisher.start(() -> publish(clients, crew, topicName, budget, ready, go));
            if (!ready.await(60, TimeUnit.SECONDS)) {
                publisher.await(Duration.ofMillis(1));
                throw new TimeoutException("the publisher was not ready within 60 s");
            }
            long start = System.nanoTime();
            budget.start();
            go.countDown();
            publisher.await(budget.timeBound().plus(completionTimeout));
            long sent = budget.issued();
            ledgers.forEach(ledger -> ledger.expect(sent));
            receiveDeadline.set(System.nanoTime() + completionTimeout.toNanos());
            subscriberGroup.await(completionTimeout.plusSeconds(10));
            long elapsed = lastReceived.get() - start;

            for (int i = 0; i < subscribers; i++) {
                for (int found = 0; found < 10_000 && consumers.get(i).receive(STRAY_WAIT_MILLIS) != null; found++) {
                    ledgers.get(i).recordStray();
                }
            }
            outcome.checks(ledgers.stream().map(DeliveryLedger::check).toList());
            return new QueueThroughput.Pass(sent, Math.max(1, elapsed), ledgers.get(0).check());
        }
    }

    /** A provider without topics fails here, before anything is sent: reported as unsupported. */
    private static MessageConsumer subscribe(Clients clients, String topicName) throws Exception {
        try {
            Connection connection = clients.open();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic(topicName);
            MessageConsumer consumer = session.createConsumer(topic);
            connection.start();
            return consumer;
        } catch (Exception | LinkageError e) {
            throw new UnsupportedByProvider("topic subscription", e);
        }
    }

    private Void publish(Clients clients, Crew crew, String topicName, SendBudget budget, CountDownLatch ready,
                         CountDownLatch go) throws Exception {
        Connection connection = clients.open();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createTopic(topicName));
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        byte[] payload = Clients.payload(messageSize);
        ready.countDown();
        go.await();
        long sequence;
        while (!crew.aborted() && (sequence = budget.next()) >= 0) {
            producer.send(Clients.message(session, payload, sequence));
        }
        return null;
    }

    private static Void receive(MessageConsumer consumer, DeliveryLedger ledger, Crew crew, AtomicLong lastReceived,
                                AtomicLong receiveDeadline, Duration completionTimeout) throws Exception {
        while (!ledger.isComplete() && !crew.aborted()) {
            if (System.nanoTime() - receiveDeadline.get() > 0) {
                throw new TimeoutException("messages still missing "
                        + completionTimeout.toSeconds() + " s after the last publish: " + ledger.check().describe());
            }
            Message message = consumer.receive(RECEIVE_MILLIS);
            if (message != null) {
                ledger.record(Clients.sequenceOf(message));
                lastReceived.accumulateAndGet(System.nanoTime(), Math::max);
            }
        }
        return null;
    }
}
