package dev.ferry.jms.spec.expiry;

import dev.ferry.jms.spec.BrokerSpec;
import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.DestinationPolicy;
import dev.ferry.store.MessageStore;
import dev.ferry.store.config.FerryConfig;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** JMS 3.1 §3.4.9: a message past its JMSExpiration is never delivered; Ferry moves it to an expiry queue. */
class ExpirySpec extends BrokerSpec {

    private static final long TIME_TO_LIVE = 300;

    private Destination destination(Queue queue) throws JMSException {
        return store().createDestinationIfAbsent(queue.getQueueName(), DestinationKind.QUEUE);
    }

    private Queue queueExpiringTo(Queue expiryQueue) throws JMSException {
        Queue queue = queue();
        store().updatePolicy(destination(queue).id(),
                new DestinationPolicy(null, null, null, null, null, expiryQueue.getQueueName(), false));
        return queue;
    }

    private void sendExpiring(Connection connection, Queue queue, String... texts) throws JMSException {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(queue);
        producer.setTimeToLive(TIME_TO_LIVE);
        for (String text : texts) {
            producer.send(session.createTextMessage(text));
        }
    }

    private static void outlive() throws InterruptedException {
        Thread.sleep(TIME_TO_LIVE + 100);
    }

    private List<Delivery> deliveriesIn(String queueName) throws JMSException {
        MessageStore store = store();
        Destination destination = store.createDestinationIfAbsent(queueName, DestinationKind.QUEUE);
        return store.browse(destination.queueId(), 0, 1000);
    }

    private List<Delivery> expiredFrom(String expiryQueue, Queue origin) throws JMSException {
        String originName = origin.getQueueName();
        return deliveriesIn(expiryQueue).stream()
                .filter(d -> originName.equals(d.originalDestination()))
                .collect(Collectors.toList());
    }

    @Test
    void expiredMessageMovesToTheExpiryQueueOfItsPolicyWithItsOriginalDestination() throws Exception {
        Queue expiry = queue("expired");
        Queue queue = queueExpiringTo(expiry);
        sendExpiring(connection(), queue, "late");
        outlive();

        assertThat(store().expire()).isPositive();

        List<Delivery> moved = expiredFrom(expiry.getQueueName(), queue);
        assertThat(moved).hasSize(1);
        assertThat(moved.get(0).failureReason()).isEqualTo("expired");
        assertThat(drainTexts(queue)).isEmpty();
        assertThat(drainTexts(expiry)).containsExactly("late");
    }

    @Test
    void expiredMessagesAreCountedPerQueue() throws Exception {
        Queue queue = queueExpiringTo(queue("expired"));
        sendExpiring(connection(), queue, "a", "b");
        outlive();

        store().expire();

        assertThat(store().expiredCount(destination(queue).queueId())).isEqualTo(2);
    }

    @Test
    void withoutAPolicyExpiredMessagesGoToTheDefaultExpiryQueue() throws Exception {
        Queue queue = queue();
        sendExpiring(connection(), queue, "late");
        outlive();

        store().expire();

        assertThat(expiredFrom("ExpiryQueue", queue)).hasSize(1);
    }

    @Test
    void consumerThatFindsAnExpiredMessageExpiresItAtOnce() throws Exception {
        Queue expiry = queue("expired");
        Queue queue = queueExpiringTo(expiry);
        Connection connection = startedConnection();
        MessageConsumer consumer = connection.createSession().createConsumer(queue);
        sendExpiring(connection, queue, "first", "second");
        assertThat(receiveText(consumer)).isEqualTo("first");
        outlive();

        assertThat(consumer.receive(QUIET_MS)).isNull();

        assertThat(expiredFrom(expiry.getQueueName(), queue)).hasSize(1);
        assertThat(store().expiredCount(destination(queue).queueId())).isEqualTo(1);
    }

    @Test
    void emptyExpiryQueueSettingDropsExpiredMessagesAndStillCountsThem() throws Exception {
        FerryConfig dropping = config(Map.of("ferry.expiryQueue", ""));
        Queue queue = queue();
        Connection connection = connection(dropping);
        connection.start();
        MessageConsumer consumer = connection.createSession().createConsumer(queue);
        sendExpiring(connection, queue, "first", "second");
        assertThat(receiveText(consumer)).isEqualTo("first");
        outlive();

        assertThat(consumer.receive(QUIET_MS)).isNull();

        assertThat(store().expiredCount(destination(queue).queueId())).isEqualTo(1);
        assertThat(expiredFrom("ExpiryQueue", queue)).isEmpty();
        assertThat(store().statistics(destination(queue).queueId()).total()).isZero();
    }
}
