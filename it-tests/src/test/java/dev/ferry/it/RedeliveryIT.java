package dev.ferry.it;

import dev.ferry.it.app.Deliveries;
import dev.ferry.it.app.FailingBean;
import dev.ferry.it.app.ImpatientBean;
import dev.ferry.it.app.RollbackOnlyBean;
import dev.ferry.it.app.Seen;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bean whose transaction rolls back gets the message again, marked redelivered and counted, until the maximum
 * attempts (ferry.redelivery.maxAttempts=3 on the test server); then the message is in the dead-letter queue with
 * its original destination recorded.
 */
@ExtendWith(ArquillianExtension.class)
class RedeliveryIT {

    private static final int MAX_ATTEMPTS = 3;

    @Deployment
    static WebArchive application() {
        return Archives.webApp("redelivery.war")
                .addClasses(Deliveries.class, Seen.class, FailingBean.class, RollbackOnlyBean.class, ImpatientBean.class)
                // reads the store's tables with the H2 driver the .rar carries: a Ferry-specific dependency
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.ferry-ra.rar\n"));
    }

    @Inject
    private JMSContext context;

    @EJB
    private Deliveries deliveries;

    @Test
    void beanThatThrowsIsRedeliveredWithCountThenDeadLettered() throws Exception {
        String id = send("it.failing", "doomed-by-exception");

        List<Seen> attempts = deliveries.await("failing", MAX_ATTEMPTS, 20_000);
        assertAttempts(attempts);
        assertDeadLettered(id, "it.failing", "doomed-by-exception");
        assertEquals(MAX_ATTEMPTS, deliveries.seen("failing").size(), "no delivery after the last attempt");
        try (JMSConsumer effects = context.createConsumer(context.createQueue("it.failing.effects"))) {
            assertNull(effects.receive(1_000), "a send of the bean in its rolled-back transaction was delivered");
        }
    }

    @Test
    void beanThatSetsRollbackOnlyIsRedeliveredWithCountThenDeadLettered() throws Exception {
        String id = send("it.rollback-only", "doomed-by-rollback");

        List<Seen> attempts = deliveries.await("rollback-only", MAX_ATTEMPTS, 20_000);
        assertAttempts(attempts);
        assertDeadLettered(id, "it.rollback-only", "doomed-by-rollback");
        assertEquals(MAX_ATTEMPTS, deliveries.seen("rollback-only").size(), "no delivery after the last attempt");
    }

    @Test
    void activationsOwnMaxDeliveryAttemptsWinOverTheServerDefault() throws Exception {
        String id = send("it.impatient", "doomed-sooner");

        List<Seen> attempts = deliveries.await("impatient", 2, 20_000);
        assertAttempts(attempts, 2);
        assertDeadLettered(id, "it.impatient", "doomed-sooner", 2);
        assertEquals(2, deliveries.seen("impatient").size(), "a delivery after the bean's last attempt");
    }

    private String send(String queue, String text) throws JMSException {
        TextMessage message = context.createTextMessage(text);
        context.createProducer().send(context.createQueue(queue), message);
        return message.getJMSMessageID();
    }

    private static void assertAttempts(List<Seen> attempts) {
        assertAttempts(attempts, MAX_ATTEMPTS);
    }

    private static void assertAttempts(List<Seen> attempts, int expected) {
        assertEquals(expected, attempts.size(), () -> "attempts: " + attempts);
        for (int i = 0; i < expected; i++) {
            Seen attempt = attempts.get(i);
            assertEquals(i + 1, attempt.deliveryCount(), () -> "attempts: " + attempts);
            assertEquals(i > 0, attempt.redelivered(), () -> "attempts: " + attempts);
        }
    }

    private void assertDeadLettered(String messageId, String originalQueue, String text) throws Exception {
        assertDeadLettered(messageId, originalQueue, text, MAX_ATTEMPTS);
    }

    private void assertDeadLettered(String messageId, String originalQueue, String text, int attempts) throws Exception {
        String[] recorded = awaitDeadLetterRow(messageId);
        assertNotNull(recorded, "the message never reached the dead-letter queue");
        assertEquals("DLQ", recorded[0]);
        assertEquals(originalQueue, recorded[1]);
        assertTrue(recorded[2].contains(attempts + " delivery attempts"), recorded[2]);

        try (JMSConsumer consumer = context.createConsumer(context.createQueue("DLQ"),
                "JMSMessageID = '" + messageId + "'")) {
            Message dead = consumer.receive(10_000);
            assertNotNull(dead, "the dead-lettered message could not be consumed from DLQ");
            assertEquals(text, dead.getBody(String.class));
            assertFalse(dead.getJMSDestination().toString().isEmpty());
        }
    }

    /** The store's record of the dead-lettered delivery: its queue, original destination and reason. */
    private static String[] awaitDeadLetterRow(String messageId) throws SQLException, InterruptedException {
        Properties credentials = new Properties();
        credentials.setProperty("user", "sa");
        credentials.setProperty("password", "");
        String url = System.getProperty("ferry.jdbc.url");
        long deadline = System.currentTimeMillis() + 15_000;
        try (Connection connection = new org.h2.Driver().connect(url, credentials);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT t.name, d.original_destination, d.failure_reason FROM ferry_delivery d "
                             + "JOIN ferry_message m ON m.id = d.message_id "
                             + "JOIN ferry_queue q ON q.id = d.queue_id "
                             + "JOIN ferry_destination t ON t.id = q.destination_id "
                             + "WHERE m.message_id = ? AND d.original_destination IS NOT NULL")) {
            query.setString(1, messageId);
            while (System.currentTimeMillis() < deadline) {
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        return new String[] {row.getString(1), row.getString(2), row.getString(3)};
                    }
                }
                Thread.sleep(50);
            }
        }
        return null;
    }
}
