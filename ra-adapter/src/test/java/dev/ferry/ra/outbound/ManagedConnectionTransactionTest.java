package dev.ferry.ra.outbound;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.ra.FerryResourceAdapter;
import dev.ferry.store.testing.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Session;
import jakarta.jms.TransactionInProgressException;
import jakarta.resource.spi.BootstrapContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The managed connection's local transaction, as the server drives it around an application's JMS work: commit
 * makes the sends visible, rollback discards them; the handles refuse what a container forbids.
 */
class ManagedConnectionTransactionTest {

    private FerryResourceAdapter adapter;
    private FerryManagedConnectionFactory managedFactory;

    @BeforeEach
    void startAdapter() throws Exception {
        adapter = new FerryResourceAdapter();
        adapter.setJdbcUrl(TestDatabase.jdbcUrlOf(TestDatabase.H2.newConfig()));
        // the adapter only asks the server for its WorkManager and transaction registry, unused here
        BootstrapContext server = (BootstrapContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BootstrapContext.class}, (proxy, method, args) -> null);
        adapter.start(server);
        managedFactory = new FerryManagedConnectionFactory();
        managedFactory.setResourceAdapter(adapter);
    }

    @AfterEach
    void stopAdapter() {
        adapter.stop();
    }

    private String receiveFromOutside(String queue) {
        FerryConnectionFactory plain = new FerryConnectionFactory(adapter.configuration());
        try (JMSContext context = plain.createContext();
             JMSConsumer consumer = context.createConsumer(context.createQueue(queue))) {
            return consumer.receiveBody(String.class, 500);
        }
    }

    private JMSContext contextHandle(FerryManagedConnection managed) throws Exception {
        return (JMSContext) managed.getConnection(null,
                new ConnectionRequest(null, null, ConnectionRequest.HandleKind.CONTEXT));
    }

    @Test
    void sendInCommittedLocalTransactionIsDelivered() throws Exception {
        FerryManagedConnection managed = (FerryManagedConnection) managedFactory.createManagedConnection(null, null);
        managed.getLocalTransaction().begin();
        JMSContext context = contextHandle(managed);
        context.createProducer().send(context.createQueue("committed"), "kept");
        context.close();
        assertThat(receiveFromOutside("committed")).as("not visible before commit").isNull();

        managed.getLocalTransaction().commit();

        assertThat(receiveFromOutside("committed")).isEqualTo("kept");
        managed.destroy();
    }

    @Test
    void sendInRolledBackLocalTransactionIsDiscarded() throws Exception {
        FerryManagedConnection managed = (FerryManagedConnection) managedFactory.createManagedConnection(null, null);
        managed.getLocalTransaction().begin();
        Connection connection = (Connection) managed.getConnection(null, null);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThat(session.getTransacted()).as("the container's transaction, whatever was asked").isTrue();
        session.createProducer(session.createQueue("rolled-back")).send(session.createTextMessage("dropped"));
        assertThatThrownBy(session::commit).isInstanceOf(TransactionInProgressException.class);
        connection.close();

        managed.getLocalTransaction().rollback();

        assertThat(receiveFromOutside("rolled-back")).isNull();
        managed.destroy();
    }

    @Test
    void handlesRefuseWhatTheContainerForbids() throws Exception {
        FerryManagedConnection managed = (FerryManagedConnection) managedFactory.createManagedConnection(null, null);
        JMSContext context = contextHandle(managed);
        assertThatThrownBy(() -> context.setClientID("x")).isInstanceOf(IllegalStateRuntimeException.class)
                .hasMessageContaining("§12.2");
        assertThatThrownBy(context::stop).isInstanceOf(IllegalStateRuntimeException.class);
        assertThatThrownBy(() -> context.createContext(JMSContext.AUTO_ACKNOWLEDGE))
                .isInstanceOf(IllegalStateRuntimeException.class);
        JMSConsumer consumer = context.createConsumer(context.createQueue("listened"));
        assertThatThrownBy(() -> consumer.setMessageListener(m -> { }))
                .isInstanceOf(IllegalStateRuntimeException.class);

        Connection connection = (Connection) managed.getConnection(null, null);
        assertThatThrownBy(() -> connection.setExceptionListener(e -> { })).isInstanceOf(IllegalStateException.class);
        connection.createSession();
        assertThatThrownBy(connection::createSession).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only one");
        managed.destroy();
    }

    @Test
    void closedHandleGivesTheConnectionBackAndRefusesFurtherUse() throws Exception {
        FerryManagedConnection managed = (FerryManagedConnection) managedFactory.createManagedConnection(null, null);
        int[] closedEvents = {0};
        managed.addConnectionEventListener(new jakarta.resource.spi.ConnectionEventListener() {
            @Override
            public void connectionClosed(jakarta.resource.spi.ConnectionEvent event) {
                closedEvents[0]++;
            }

            @Override
            public void localTransactionStarted(jakarta.resource.spi.ConnectionEvent event) {
            }

            @Override
            public void localTransactionCommitted(jakarta.resource.spi.ConnectionEvent event) {
            }

            @Override
            public void localTransactionRolledback(jakarta.resource.spi.ConnectionEvent event) {
            }

            @Override
            public void connectionErrorOccurred(jakarta.resource.spi.ConnectionEvent event) {
            }
        });
        JMSContext context = contextHandle(managed);
        context.close();
        context.close();

        assertThat(closedEvents[0]).isEqualTo(1);
        assertThatThrownBy(() -> context.createQueue("q")).isInstanceOf(IllegalStateRuntimeException.class);
        managed.destroy();
    }

    @Test
    void adaptersWithEqualConfigurationAreEqual() {
        FerryResourceAdapter other = new FerryResourceAdapter();
        other.setJdbcUrl(adapter.getJdbcUrl());
        assertThat(other).isEqualTo(adapter).hasSameHashCodeAs(adapter);
        other.setProperties("ferry.redelivery.maxAttempts=2");
        assertThat(other).isNotEqualTo(adapter);
    }
}
