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
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.resource.spi.BootstrapContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
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
    void preparedXaBranchIsFoundByRecoveryAndItsCommitDeliversTheSend() throws Exception {
        FerryManagedConnection managed = (FerryManagedConnection) managedFactory.createManagedConnection(null, null);
        XAResource resource = managed.getXAResource();
        Xid xid = new TestBranch(7);
        resource.start(xid, XAResource.TMNOFLAGS);
        JMSContext context = contextHandle(managed);
        assertThat(context.getTransacted()).isTrue();
        assertThatThrownBy(context::commit).isInstanceOf(TransactionInProgressRuntimeException.class);
        context.createProducer().send(context.createQueue("xa-committed"), "two-phase");
        context.close();
        resource.end(xid, XAResource.TMSUCCESS);
        assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);
        assertThat(receiveFromOutside("xa-committed")).as("prepared, not yet committed").isNull();

        XAResource recovery = adapter.getXAResources(new jakarta.resource.spi.ActivationSpec[0])[0];
        Xid[] inDoubt = recovery.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
        assertThat(inDoubt).anySatisfy(found -> assertThat(found.getGlobalTransactionId())
                .isEqualTo(xid.getGlobalTransactionId()));
        recovery.commit(xid, false);

        assertThat(receiveFromOutside("xa-committed")).isEqualTo("two-phase");
        managed.destroy();
    }

    /** A transaction manager's branch identifier, as a test would make one. */
    private static final class TestBranch implements Xid {
        private final byte[] global;

        TestBranch(int id) {
            this.global = ("test-branch-" + id + "-" + System.nanoTime()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public int getFormatId() {
            return 4711;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return global.clone();
        }

        @Override
        public byte[] getBranchQualifier() {
            return new byte[] {1};
        }
    }

    @Test
    void handlesRefuseWhatTheContainerForbids() throws Exception {
        FerryManagedConnection managed = (FerryManagedConnection) managedFactory.createManagedConnection(null, null);
        JMSContext context = contextHandle(managed);
        assertThatThrownBy(() -> context.setClientID("x")).isInstanceOf(IllegalStateRuntimeException.class)
                .hasMessageContaining("§12.2");
        assertThatThrownBy(context::stop).isInstanceOf(IllegalStateRuntimeException.class);
        assertThat(context.getSessionMode()).as("outside a transaction").isEqualTo(JMSContext.AUTO_ACKNOWLEDGE);
        assertThatThrownBy(context::commit).isInstanceOf(IllegalStateRuntimeException.class);
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
