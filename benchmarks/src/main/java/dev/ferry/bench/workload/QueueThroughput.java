package dev.ferry.bench.workload;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Producers and consumers on one queue, persistent messages, either AUTO_ACKNOWLEDGE with synchronous
 * sends or transacted sessions committing every {@code batch} messages. Throughput is counted from the
 * first send to the last acknowledgement or commit of the last message.
 */
final class QueueThroughput {

    private static final long RECEIVE_MILLIS = 100;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final long STRAY_WAIT_MILLIS = 300;
    private static final int MAX_STRAYS = 10_000;
    /** Looking for strays only shows that some are left: a slow provider must not hold the run up with it. */
    private static final long STRAY_SEARCH_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final int producers;
    private final int consumers;
    private final boolean transacted;
    private final int batch;
    private final int messageSize;

    QueueThroughput(int producers, int consumers, boolean transacted, int batch, int messageSize) {
        this.producers = producers;
        this.consumers = consumers;
        this.transacted = transacted;
        this.batch = batch;
        this.messageSize = messageSize;
    }

    record Pass(long messages, long elapsedNanos, DeliveryLedger.Check check) {
        double perSecond() {
            return messages / (elapsedNanos / 1e9);
        }
    }

    Outcome run(ConnectionFactory factory, String queueName, WorkloadSettings settings) throws Exception {
        Outcome outcome = new Outcome();
        SendBudget warmup = settings.warmupBudget();
        if (warmup != null) {
            Pass pass = pass(factory, queueName + ".warmup", warmup, settings.completionTimeout());
            outcome.metric("warmupMessages", pass.messages()).metric("warmupMsgsPerSec", round(pass.perSecond()));
            outcome.checks(List.of(pass.check()));
        }
        Pass measured = pass(factory, queueName, settings.measureBudget(), settings.completionTimeout());
        return outcome.metric("msgsPerSec", round(measured.perSecond()))
                .metric("messages", measured.messages())
                .metric("elapsedMillis", measured.elapsedNanos() / 1_000_000)
                .checks(List.of(measured.check()));
    }

    /** Sends what the budget allows and receives all of it; the budget's clock starts now. */
    Pass pass(ConnectionFactory factory, String queueName, SendBudget budget, Duration completionTimeout)
            throws Exception {
        DeliveryLedger ledger = new DeliveryLedger(queueName);
        try (Clients clients = new Clients(factory); Crew crew = new Crew("q")) {
            AtomicLong lastSettled = new AtomicLong();
            AtomicLong receiveDeadline = new AtomicLong(Long.MAX_VALUE);
            CountDownLatch consumersReady = new CountDownLatch(consumers);
            Crew.Group consumerGroup = crew.group("consumers of " + queueName);
            for (int i = 0; i < consumers; i++) {
                consumerGroup.start(() -> consume(clients, crew, queueName, ledger, consumersReady, lastSettled,
                        receiveDeadline, completionTimeout));
            }
            if (!consumersReady.await(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                consumerGroup.await(Duration.ofMillis(1)); // surfaces a consumer's failure, if any
                throw new TimeoutException("consumers were not ready within " + READY_TIMEOUT.toSeconds() + " s");
            }

            Crew.Group producerGroup = crew.group("producers of " + queueName);
            long start = startProducers(clients, crew, producerGroup, queueName, budget);
            producerGroup.await(budget.timeBound().plus(completionTimeout));
            long sent = budget.issued();
            ledger.expect(sent);
            receiveDeadline.set(System.nanoTime() + completionTimeout.toNanos());
            consumerGroup.await(completionTimeout.plusSeconds(10));
            long elapsed = lastSettled.get() - start;

            findStrays(clients, queueName, ledger);
            return new Pass(sent, Math.max(1, elapsed), ledger.check());
        }
    }

    /** Producers only: queues what the budget allows and returns how many were sent (all committed). */
    long fill(ConnectionFactory factory, String queueName, SendBudget budget, Duration timeout) throws Exception {
        try (Clients clients = new Clients(factory); Crew crew = new Crew("fill")) {
            Crew.Group producerGroup = crew.group("producers filling " + queueName);
            startProducers(clients, crew, producerGroup, queueName, budget);
            producerGroup.await(budget.timeBound().plus(timeout));
            return budget.issued();
        }
    }

    /** Consumers only: receives {@code expected} messages already queued, timed from the consumers' start. */
    Pass drain(ConnectionFactory factory, String queueName, long expected, Duration timeout) throws Exception {
        DeliveryLedger ledger = new DeliveryLedger(queueName);
        ledger.expect(expected);
        try (Clients clients = new Clients(factory); Crew crew = new Crew("drain")) {
            AtomicLong lastSettled = new AtomicLong();
            AtomicLong receiveDeadline = new AtomicLong(System.nanoTime() + timeout.toNanos());
            CountDownLatch consumersReady = new CountDownLatch(consumers);
            long start = System.nanoTime();
            Crew.Group consumerGroup = crew.group("consumers draining " + queueName);
            for (int i = 0; i < consumers; i++) {
                consumerGroup.start(() -> consume(clients, crew, queueName, ledger, consumersReady, lastSettled,
                        receiveDeadline, timeout));
            }
            consumerGroup.await(timeout.plusSeconds(10));
            long elapsed = lastSettled.get() - start;
            findStrays(clients, queueName, ledger);
            return new Pass(expected, Math.max(1, elapsed), ledger.check());
        }
    }

    /**
     * Connects the producers, then lets them all go at once: connecting is not part of the measured time.
     * Returns the moment they were let go, when the budget's clock started.
     */
    private long startProducers(Clients clients, Crew crew, Crew.Group group, String queueName, SendBudget budget)
            throws Exception {
        CountDownLatch ready = new CountDownLatch(producers);
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < producers; i++) {
            group.start(() -> produce(clients, crew, queueName, budget, ready, go));
        }
        if (!ready.await(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            group.await(Duration.ofMillis(1)); // surfaces a producer's failure, if any
            // the producers still waiting are interrupted when the crew closes
            throw new TimeoutException("producers were not ready within " + READY_TIMEOUT.toSeconds() + " s");
        }
        long start = System.nanoTime();
        budget.start();
        go.countDown();
        return start;
    }

    private Void produce(Clients clients, Crew crew, String queueName, SendBudget budget, CountDownLatch ready,
                         CountDownLatch go) throws Exception {
        Connection connection = clients.open();
        Session session = Clients.session(connection, transacted);
        MessageProducer producer = session.createProducer(session.createQueue(queueName));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        byte[] payload = Clients.payload(messageSize);
        ready.countDown();
        if (!go.await(READY_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS) || crew.aborted()) {
            return null;
        }
        int inBatch = 0;
        long sequence;
        while (!crew.aborted() && (sequence = budget.next()) >= 0) {
            producer.send(Clients.message(session, payload, sequence));
            if (transacted && ++inBatch == batch) {
                session.commit();
                inBatch = 0;
            }
        }
        if (transacted && inBatch > 0) {
            session.commit();
        }
        return null;
    }

    private Void consume(Clients clients, Crew crew, String queueName, DeliveryLedger ledger,
                         CountDownLatch ready, AtomicLong lastSettled, AtomicLong receiveDeadline,
                         Duration completionTimeout) throws Exception {
        Connection connection = clients.open();
        Session session = Clients.session(connection, transacted);
        Queue queue = session.createQueue(queueName);
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        ready.countDown();
        int pending = 0;
        while (!ledger.isComplete() && !crew.aborted()) {
            if (System.nanoTime() - receiveDeadline.get() > 0) {
                throw new TimeoutException("messages still missing after " + completionTimeout.toSeconds()
                        + " s of waiting: " + ledger.check().describe());
            }
            Message message = consumer.receive(RECEIVE_MILLIS);
            if (message == null) {
                if (pending > 0) {
                    session.commit();
                    pending = 0;
                    lastSettled.accumulateAndGet(System.nanoTime(), Math::max);
                }
                continue;
            }
            ledger.record(Clients.sequenceOf(message));
            if (transacted && ++pending == batch) {
                session.commit();
                pending = 0;
            }
            lastSettled.accumulateAndGet(System.nanoTime(), Math::max);
        }
        if (pending > 0) {
            session.commit();
            lastSettled.accumulateAndGet(System.nanoTime(), Math::max);
        }
        consumer.close();
        return null;
    }

    /** After every expected message arrived, the queue must be empty: anything left is a duplicate. */
    static void findStrays(Clients clients, String queueName, DeliveryLedger ledger) throws Exception {
        Connection connection = clients.open();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
        connection.start();
        long deadline = System.nanoTime() + STRAY_SEARCH_NANOS;
        for (int found = 0; found < MAX_STRAYS && System.nanoTime() - deadline < 0
                && consumer.receive(STRAY_WAIT_MILLIS) != null; found++) {
            ledger.recordStray();
        }
        consumer.close();
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
