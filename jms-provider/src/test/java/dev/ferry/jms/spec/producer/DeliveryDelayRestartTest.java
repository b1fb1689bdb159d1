package dev.ferry.jms.spec.producer;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.testing.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JMS 3.1 §7.9 delivery delay across a restart: the delay is kept in the store (the delivery's ready time), not
 * in a timer of the sending JVM, so a broker that stops and starts again on the same database still holds the
 * message back until its delivery time and then delivers it.
 */
class DeliveryDelayRestartTest {

    private static final long DELAY_MS = 4_000;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void delayedMessageSurvivesARestartAndIsDeliveredAtItsTimeNotBefore(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        long deliveryTime;
        try (Connection connection = new FerryConnectionFactory(config).createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Queue queue = session.createQueue("delayed");
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryDelay(DELAY_MS);
            TextMessage sent = session.createTextMessage("later");
            producer.send(sent);
            deliveryTime = sent.getJMSDeliveryTime();
            assertThat(session.createConsumer(queue).receive(500)).as("received before its delivery time").isNull();
        }
        // the last connection closed: the broker and its store are closed; the message is only in the database
        assertThat(System.currentTimeMillis()).as("still before the delivery time").isLessThan(deliveryTime);
        try (MessageStore inspection = MessageStores.open(config)) {
            assertThat(inspection.findDestination("delayed", DestinationKind.QUEUE)
                    .map(d -> inspection.statistics(d.queueId()).scheduled())).contains(1L);
        }

        try (Connection connection = new FerryConnectionFactory(config).createConnection()) {
            connection.start();
            Session session = connection.createSession();
            MessageConsumer consumer = session.createConsumer(session.createQueue("delayed"));
            long early = deliveryTime - System.currentTimeMillis() - 300;
            if (early > 0) {
                assertThat(consumer.receive(early)).as("received after the restart before its time").isNull();
            }
            Message received = consumer.receive(DELAY_MS + 10_000);
            long receivedAt = System.currentTimeMillis();

            assertThat(received).as("delivered after the restart").isNotNull();
            assertThat(((TextMessage) received).getText()).isEqualTo("later");
            assertThat(received.getJMSDeliveryTime()).isEqualTo(deliveryTime);
            assertThat(receivedAt).as("received at or after its delivery time").isGreaterThanOrEqualTo(deliveryTime);
            assertThat(received.getJMSRedelivered()).isFalse();
        }
    }
}
