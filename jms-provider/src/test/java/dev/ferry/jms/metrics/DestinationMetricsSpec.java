package dev.ferry.jms.metrics;

import dev.ferry.jms.spec.BrokerSpec;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-destination meters of docs/metrics.md, counted by a running broker into a registry the test binds. */
class DestinationMetricsSpec extends BrokerSpec {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void bindRegistry() {
        FerryMetrics.bindTo(registry);
    }

    @AfterEach
    void unbindRegistry() {
        FerryMetrics.bindTo(Metrics.globalRegistry);
    }

    @Test
    void sendsDeliveriesAndAcknowledgementsAreCountedPerDestinationWithLatencies() throws JMSException {
        Queue queue = queue();
        Queue other = queue("other");
        sendTexts(queue, "a", "b", "c");
        sendTexts(other, "x");
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);

        receive(consumer);
        receive(consumer);

        String name = queue.getQueueName();
        assertThat(count(FerryMetrics.SENT, name)).isEqualTo(3);
        assertThat(count(FerryMetrics.SENT, other.getQueueName())).isEqualTo(1);
        assertThat(count(FerryMetrics.DELIVERED, name)).isEqualTo(2);
        assertThat(count(FerryMetrics.ACKNOWLEDGED, name)).isEqualTo(2);
        assertThat(count(FerryMetrics.REDELIVERED, name)).isZero();
        Timer send = registry.get(FerryMetrics.SEND_DURATION).tag(FerryMetrics.TAG_DESTINATION, name).timer();
        Timer latency = registry.get(FerryMetrics.DELIVERY_LATENCY).tag(FerryMetrics.TAG_DESTINATION, name).timer();
        assertThat(send.count()).isEqualTo(3);
        assertThat(send.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
        assertThat(latency.count()).isEqualTo(2);
        assertThat(registry.get(FerryMetrics.SENT).tag(FerryMetrics.TAG_DESTINATION, name).counter().getId()
                .getTag(FerryMetrics.TAG_KIND)).isEqualTo("queue");
    }

    @Test
    void transactedSendsCountWhenCommittedAndRolledBackReceivesCountAsRedelivered() throws JMSException {
        Queue queue = queue();
        Connection connection = startedConnection();
        Session transacted = connection.createSession(Session.SESSION_TRANSACTED);
        MessageProducer producer = transacted.createProducer(queue);
        producer.send(transacted.createTextMessage("t1"));
        producer.send(transacted.createTextMessage("t2"));
        String name = queue.getQueueName();
        assertThat(count(FerryMetrics.SENT, name)).as("not yet committed").isZero();

        transacted.commit();
        MessageConsumer consumer = transacted.createConsumer(queue);
        receive(consumer);
        transacted.rollback();
        receive(consumer);
        receive(consumer);
        transacted.commit();

        assertThat(count(FerryMetrics.SENT, name)).isEqualTo(2);
        assertThat(count(FerryMetrics.DELIVERED, name)).isEqualTo(3);
        assertThat(count(FerryMetrics.REDELIVERED, name)).isEqualTo(1);
        assertThat(count(FerryMetrics.ACKNOWLEDGED, name)).isEqualTo(2);
    }

    @Test
    void deadLetteredMessagesAreCountedOnTheirDestination() throws Exception {
        String deadLetters = queue("dead").getQueueName();
        FerryConfig config = config(Map.of(FerryProperties.MAX_DELIVERY_ATTEMPTS.key(), "1",
                FerryProperties.DEAD_LETTER_QUEUE.key(), deadLetters));
        Queue queue = queue();
        sendTexts(queue, "one chance");
        Connection connection = connection(config);
        connection.start();
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        receive(session.createConsumer(queue));

        session.rollback();

        assertThat(count(FerryMetrics.DEAD_LETTERED, queue.getQueueName())).isEqualTo(1);
    }

    @Test
    void expiredMessagesAreReadFromTheStoreWhenTheRegistryIsRead() throws Exception {
        Queue queue = queue();
        try (Connection connection = factory().createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(queue);
            producer.setTimeToLive(1);
            producer.send(session.createTextMessage("short-lived"));
        }
        Thread.sleep(20);
        store().expire();

        FunctionCounter expired = registry.get(FerryMetrics.EXPIRED)
                .tag(FerryMetrics.TAG_DESTINATION, queue.getQueueName()).functionCounter();

        assertThat(expired.count()).isEqualTo(1);
    }

    private double count(String meter, String destination) {
        Counter counter = registry.find(meter).tag(FerryMetrics.TAG_DESTINATION, destination).counter();
        return counter == null ? 0 : counter.count();
    }
}
