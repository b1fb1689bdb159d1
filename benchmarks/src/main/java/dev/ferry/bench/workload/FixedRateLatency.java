package dev.ferry.bench.workload;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Persistent messages sent at a fixed rate by one producer to one consumer. End-to-end latency is measured
 * from the start of the send call to the consumer's receipt; a second histogram measures from the moment
 * the schedule meant the message to be sent, so a provider that falls behind the schedule is not flattered
 * (coordinated omission).
 */
final class FixedRateLatency {

    private static final long RECEIVE_MILLIS = 100;
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final int messageSize;

    FixedRateLatency(int messageSize) {
        this.messageSize = messageSize;
    }

    private record Pass(Histogram fromSend, Histogram fromSchedule, long sent, double achievedRate,
                        DeliveryLedger.Check check) {
    }

    Outcome run(ConnectionFactory factory, String queueName, WorkloadSettings settings) throws Exception {
        int rate = settings.latencyRate();
        Outcome outcome = new Outcome();
        long warmupCount = settings.countMode() ? settings.warmupMessages()
                : rate * settings.warmup().toMillis() / 1000;
        if (warmupCount > 0) {
            Pass warm = pass(factory, queueName + ".warmup", rate, warmupCount, settings.completionTimeout());
            outcome.metric("warmupMessages", warm.sent()).checks(List.of(warm.check()));
        }
        long count = settings.countMode() ? settings.messages() : rate * settings.measure().toMillis() / 1000;
        Pass measured = pass(factory, queueName, rate, count, settings.completionTimeout());
        Histogram send = measured.fromSend();
        Histogram schedule = measured.fromSchedule();
        return outcome.metric("targetRate", rate)
                .metric("achievedRate", QueueThroughput.round(measured.achievedRate()))
                .metric("messages", measured.sent())
                .metric("p50Micros", send.getValueAtPercentile(50))
                .metric("p99Micros", send.getValueAtPercentile(99))
                .metric("p999Micros", send.getValueAtPercentile(99.9))
                .metric("maxMicros", send.getMaxValue())
                .metric("meanMicros", QueueThroughput.round(send.getMean()))
                .metric("scheduleP50Micros", schedule.getValueAtPercentile(50))
                .metric("scheduleP99Micros", schedule.getValueAtPercentile(99))
                .metric("scheduleMaxMicros", schedule.getMaxValue())
                .checks(List.of(measured.check()));
    }

    private Pass pass(ConnectionFactory factory, String queueName, int rate, long count, Duration completionTimeout)
            throws Exception {
        DeliveryLedger ledger = new DeliveryLedger(queueName);
        Histogram fromSend = new Histogram(HIGHEST_MICROS, 3);
        Histogram fromSchedule = new Histogram(HIGHEST_MICROS, 3);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        // a provider slower than the rate gets twice the planned time, then the pass ends with what was sent
        Duration planned = Duration.ofNanos(periodNanos * count);
        SendBudget budget = SendBudget.countWithin(count, planned.multipliedBy(2).plusSeconds(1));
        try (Clients clients = new Clients(factory); Crew crew = new Crew("latency")) {
            CountDownLatch ready = new CountDownLatch(1);
            AtomicLong receiveDeadline = new AtomicLong(Long.MAX_VALUE);
            Crew.Group consumer = crew.group("consumer of " + queueName);
            consumer.start(() -> consume(clients, crew, queueName, ledger, fromSend, fromSchedule, ready,
                    receiveDeadline, completionTimeout));
            if (!ready.await(60, TimeUnit.SECONDS)) {
                consumer.await(Duration.ofMillis(1));
                throw new TimeoutException("the consumer was not ready within 60 s");
            }
            long[] sendWindow = new long[2];
            Crew.Group producer = crew.group("producer of " + queueName);
            SendBudget started = budget.start();
            producer.start(() -> produce(clients, crew, queueName, started, periodNanos, sendWindow));
            producer.await(started.timeBound().plus(completionTimeout));
            long sent = started.issued();
            ledger.expect(sent);
            receiveDeadline.set(System.nanoTime() + completionTimeout.toNanos());
            consumer.await(completionTimeout.plusSeconds(10));
            QueueThroughput.findStrays(clients, queueName, ledger);
            double seconds = Math.max(1, sendWindow[1] - sendWindow[0]) / 1e9;
            double achieved = sent <= 1 ? sent : (sent - 1) / seconds;
            return new Pass(fromSend, fromSchedule, sent, achieved, ledger.check());
        }
    }

    private Void produce(Clients clients, Crew crew, String queueName, SendBudget budget, long periodNanos,
                         long[] sendWindow) throws Exception {
        Connection connection = clients.open();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(queueName));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        byte[] payload = Clients.payload(messageSize);
        long firstSlot = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        long sequence;
        while (!crew.aborted() && (sequence = budget.next()) >= 0) {
            long intended = firstSlot + sequence * periodNanos;
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(intended - now);
            }
            BytesMessage message = Clients.message(session, payload, sequence);
            message.setLongProperty(Clients.INTENDED_AT, intended);
            long sendStart = System.nanoTime();
            message.setLongProperty(Clients.SENT_AT, sendStart);
            producer.send(message);
            if (sequence == 0) {
                sendWindow[0] = sendStart;
            }
            sendWindow[1] = sendStart;
        }
        return null;
    }

    private static Void consume(Clients clients, Crew crew, String queueName, DeliveryLedger ledger,
                                Histogram fromSend, Histogram fromSchedule, CountDownLatch ready,
                                AtomicLong receiveDeadline, Duration completionTimeout) throws Exception {
        Connection connection = clients.open();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
        connection.start();
        ready.countDown();
        while (!ledger.isComplete() && !crew.aborted()) {
            if (System.nanoTime() - receiveDeadline.get() > 0) {
                throw new TimeoutException("messages still missing " + completionTimeout.toSeconds()
                        + " s after the last send: " + ledger.check().describe());
            }
            Message message = consumer.receive(RECEIVE_MILLIS);
            if (message == null) {
                continue;
            }
            long now = System.nanoTime();
            if (ledger.record(Clients.sequenceOf(message))) {
                fromSend.recordValue(micros(now - message.getLongProperty(Clients.SENT_AT)));
                fromSchedule.recordValue(micros(now - message.getLongProperty(Clients.INTENDED_AT)));
            }
        }
        consumer.close();
        return null;
    }

    private static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000));
    }
}
