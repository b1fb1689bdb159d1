package dev.ferry.it;

import dev.ferry.it.app.Deliveries;
import dev.ferry.it.app.OrderBean;
import dev.ferry.it.app.OrderSender;
import dev.ferry.it.app.Seen;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JMS work of an EJB commits and rolls back with its container transaction; the container's session rules. */
@ExtendWith(ArquillianExtension.class)
class TransactedSendIT {

    @Deployment
    static WebArchive application() {
        return Archives.webApp("transacted-send.war")
                .addClasses(Deliveries.class, Seen.class, OrderSender.class, OrderBean.class);
    }

    @EJB
    private OrderSender sender;

    @EJB
    private Deliveries deliveries;

    @Resource(lookup = "java:/jms/ferry/ConnectionFactory")
    private ConnectionFactory factory;

    @Test
    void sendInCommittedTransactionReachesTheQueueBean() {
        sender.sendAndCommit("order-committed");

        List<Seen> seen = deliveries.await("orders", 1, 15_000);
        assertTrue(seen.stream().anyMatch(s -> s.text().equals("order-committed")), () -> "seen: " + seen);
    }

    @Test
    void sendInRolledBackTransactionIsNeverDelivered() throws InterruptedException {
        try {
            sender.sendAndRollBack("order-rolled-back");
        } catch (EJBTransactionRolledbackException expected) {
            // some servers report the rollback the bean asked for
        }
        sender.sendAndCommit("order-after-rollback");

        List<Seen> seen = deliveries.await("orders", 0, 0);
        long deadline = System.currentTimeMillis() + 15_000;
        while (seen.stream().noneMatch(s -> s.text().equals("order-after-rollback"))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            seen = deliveries.seen("orders");
        }
        Thread.sleep(500); // a delivery of the rolled-back send would have had time to arrive too
        List<Seen> all = deliveries.seen("orders");
        assertTrue(all.stream().anyMatch(s -> s.text().equals("order-after-rollback")), () -> "seen: " + all);
        assertFalse(all.stream().anyMatch(s -> s.text().equals("order-rolled-back")), () -> "seen: " + all);
    }

    @Test
    void containerRefusesTheMethodsForbiddenToApplications() throws JMSException {
        try (JMSContext context = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            assertThrows(IllegalStateRuntimeException.class, () -> context.setClientID("mine"));
            assertThrows(IllegalStateRuntimeException.class, () -> context.setExceptionListener(e -> { }));
            assertThrows(IllegalStateRuntimeException.class, context::stop);
            // the session mode asked for is ignored: outside a transaction the container acknowledges
            assertEquals(JMSContext.AUTO_ACKNOWLEDGE, context.getSessionMode());
        }
        try (Connection connection = factory.createConnection()) {
            assertThrows(IllegalStateException.class, () -> connection.setClientID("mine"));
            assertThrows(IllegalStateException.class, connection::stop);
            Session session = connection.createSession(true, Session.CLIENT_ACKNOWLEDGE);
            assertEquals(Session.AUTO_ACKNOWLEDGE, session.getAcknowledgeMode());
            assertThrows(IllegalStateException.class, () -> session.setMessageListener(m -> { }));
            assertThrows(JMSException.class, connection::createSession, "a second session on one connection");
        }
    }
}
