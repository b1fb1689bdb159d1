package dev.ferry.jms.spec.xa;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XASession;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ferry's XA resources under a real transaction manager (Narayana JTA, in this JVM): two-phase commit with a
 * second XA resource (an H2 {@code XADataSource}, or another Ferry broker), rollback, one-phase commit, suspend and
 * resume, rollback-only and the transaction timeout.
 */
class NarayanaTransactionSpec extends XaSpecSupport {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TransactionManager transactionManager;

    private JdbcDataSource orders;
    private XAConnection ordersConnection;

    @BeforeAll
    static synchronized void startTransactionManager() throws Exception {
        if (transactionManager != null) {
            return;
        }
        Path store = Files.createTempDirectory("narayana-object-store");
        BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class).setObjectStoreDir(store.toString());
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "communicationStore")
                .setObjectStoreDir(store.toString());
        arjPropertyManager.getCoreEnvironmentBean().setNodeIdentifier("ferry-xa-spec");
        transactionManager = com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    @BeforeEach
    void createOrdersDatabase() throws SQLException {
        orders = new JdbcDataSource();
        orders.setURL("jdbc:h2:mem:orders-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = orders.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (id VARCHAR(64) PRIMARY KEY)");
        }
        ordersConnection = orders.getXAConnection();
    }

    @AfterEach
    void endLeftoverTransaction() throws Exception {
        if (transactionManager.getTransaction() != null) {
            transactionManager.rollback();
        }
        ordersConnection.close();
    }

    @Test
    void twoPhaseCommitCommitsFerryAndDatabaseTogether() throws Exception {
        Queue in = queue("in");
        Queue out = queue("out");
        sendTexts(in, "order-1");
        XASession session = xaSession();
        MessageConsumer consumer = session.createConsumer(in);
        MessageProducer producer = session.createProducer(out);

        transactionManager.begin();
        Transaction transaction = transactionManager.getTransaction();
        RecordingResource recorder = new RecordingResource(session.getXAResource());
        transaction.enlistResource(recorder);
        transaction.enlistResource(ordersConnection.getXAResource());
        String order = ((jakarta.jms.TextMessage) receive(consumer)).getText();
        insertOrder(order);
        producer.send(session.createTextMessage("confirmed " + order));
        transactionManager.commit();

        assertThat(recorder.calls).contains("prepare", "commit(twoPhase)");
        assertThat(orderIds()).containsExactly("order-1");
        assertThat(drainTexts(out)).containsExactly("confirmed order-1");
        session.close();
        assertThat(drainTexts(in)).isEmpty();
    }

    @Test
    void rollbackUndoesFerryAndDatabaseTogether() throws Exception {
        Queue in = queue("in");
        Queue out = queue("out");
        sendTexts(in, "order-2");
        XASession session = xaSession();
        MessageConsumer consumer = session.createConsumer(in);

        transactionManager.begin();
        transactionManager.getTransaction().enlistResource(session.getXAResource());
        transactionManager.getTransaction().enlistResource(ordersConnection.getXAResource());
        receive(consumer);
        insertOrder("order-2");
        session.createProducer(out).send(session.createTextMessage("confirmed"));
        transactionManager.rollback();

        assertThat(orderIds()).isEmpty();
        assertThat(drainTexts(out)).isEmpty();
        session.close();
        Message again = receive(session(Session.AUTO_ACKNOWLEDGE).createConsumer(in));
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
    }

    @Test
    void resourceVotingRollbackAtPrepareRollsBackFerrysPreparedBranch() throws Exception {
        Queue in = queue("in");
        Queue out = queue("out");
        sendTexts(in, "doomed");
        XASession session = xaSession();
        MessageConsumer consumer = session.createConsumer(in);

        transactionManager.begin();
        RecordingResource recorder = new RecordingResource(session.getXAResource());
        transactionManager.getTransaction().enlistResource(recorder);
        transactionManager.getTransaction().enlistResource(new VetoingResource());
        receive(consumer);
        session.createProducer(out).send(session.createTextMessage("never"));
        assertThatThrownBy(transactionManager::commit).isInstanceOf(RollbackException.class);

        assertThat(recorder.calls).contains("prepare", "rollback");
        assertThat(drainTexts(out)).isEmpty();
        session.close();
        assertThat(receive(session(Session.AUTO_ACKNOWLEDGE).createConsumer(in)).getJMSRedelivered()).isTrue();
    }

    @Test
    void transactionWithFerryAloneCommitsInOnePhase() throws Exception {
        Queue queue = queue();
        XASession session = xaSession();

        transactionManager.begin();
        RecordingResource recorder = new RecordingResource(session.getXAResource());
        transactionManager.getTransaction().enlistResource(recorder);
        session.createProducer(queue).send(session.createTextMessage("alone"));
        assertThat(drainTexts(queue)).as("not before commit").isEmpty();
        transactionManager.commit();

        assertThat(recorder.calls).contains("commit(onePhase)").doesNotContain("prepare");
        assertThat(drainTexts(queue)).containsExactly("alone");
    }

    @Test
    void twoFerryBrokersCommitInTwoPhases() throws Exception {
        Queue queue = queue();
        XASession first = xaSession();
        XASession second = xaSession(config(Map.of("ferry.consumer.prefetch", "7")));
        assertThat(first.getXAResource().isSameRM(second.getXAResource())).isFalse();

        transactionManager.begin();
        transactionManager.getTransaction().enlistResource(first.getXAResource());
        transactionManager.getTransaction().enlistResource(second.getXAResource());
        first.createProducer(queue).send(first.createTextMessage("from first"));
        second.createProducer(queue).send(second.createTextMessage("from second"));
        transactionManager.commit();

        assertThat(drainTexts(queue)).containsExactlyInAnyOrder("from first", "from second");
    }

    @Test
    void suspendedTransactionResumesWhileWorkOutsideItIsImmediate() throws Exception {
        Queue queue = queue();
        XASession session = xaSession();
        RecordingResource recorder = new RecordingResource(session.getXAResource());
        MessageProducer producer = session.createProducer(queue);

        transactionManager.begin();
        transactionManager.getTransaction().enlistResource(recorder);
        producer.send(session.createTextMessage("inside"));
        // as a container does around a call outside the transaction: delist with TMSUSPEND, enlist again after
        transactionManager.getTransaction().delistResource(recorder, XAResource.TMSUSPEND);
        Transaction suspended = transactionManager.suspend();
        producer.send(session.createTextMessage("between"));
        assertThat(drainTexts(queue)).containsExactly("between");
        transactionManager.resume(suspended);
        transactionManager.getTransaction().enlistResource(recorder);
        producer.send(session.createTextMessage("resumed"));
        transactionManager.commit();

        assertThat(recorder.calls).contains("end(TMSUSPEND)", "start(TMRESUME)");
        assertThat(drainTexts(queue)).containsExactly("inside", "resumed");
    }

    @Test
    void rollbackOnlyTransactionRollsBackFerry() throws Exception {
        Queue queue = queue();
        XAJMSContext context = closeLater(new dev.ferry.jms.xa.FerryXAConnectionFactory(config()).createXAContext());

        transactionManager.begin();
        transactionManager.getTransaction().enlistResource(context.getXAResource());
        transactionManager.getTransaction().enlistResource(ordersConnection.getXAResource());
        context.createProducer().send(queue, "rolled back");
        insertOrder("order-3");
        transactionManager.setRollbackOnly();
        assertThatThrownBy(transactionManager::commit).isInstanceOf(RollbackException.class);

        assertThat(drainTexts(queue)).isEmpty();
        assertThat(orderIds()).isEmpty();
    }

    @Test
    void transactionTimeoutRollsBackFerrysBranch() throws Exception {
        Queue queue = queue();
        sendTexts(queue, "slow");
        XASession session = xaSession();
        MessageConsumer consumer = session.createConsumer(queue);

        transactionManager.setTransactionTimeout(1);
        try {
            transactionManager.begin();
            transactionManager.getTransaction().enlistResource(session.getXAResource());
            transactionManager.getTransaction().enlistResource(ordersConnection.getXAResource());
            receive(consumer);
            insertOrder("late");
            Thread.sleep(2_500);
            assertThatThrownBy(transactionManager::commit).isInstanceOf(RollbackException.class);
        } finally {
            transactionManager.setTransactionTimeout(0);
        }

        assertThat(orderIds()).isEmpty();
        session.close();
        assertThat(receive(session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue)).getJMSRedelivered()).isTrue();
    }

    private void insertOrder(String id) throws SQLException {
        try (Statement statement = ordersConnection.getConnection().createStatement()) {
            statement.executeUpdate("INSERT INTO orders (id) VALUES ('" + id + "')");
        }
    }

    private List<String> orderIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = orders.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id FROM orders ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** Passes every call to Ferry's resource and records which completion calls the transaction manager made. */
    private static final class RecordingResource implements XAResource {
        final List<String> calls = new ArrayList<>();
        private final XAResource delegate;

        RecordingResource(XAResource delegate) {
            this.delegate = delegate;
        }

        @Override
        public void start(Xid xid, int flags) throws XAException {
            if (flags == TMRESUME) {
                calls.add("start(TMRESUME)");
            }
            delegate.start(xid, flags);
        }

        @Override
        public void end(Xid xid, int flags) throws XAException {
            if (flags == TMSUSPEND) {
                calls.add("end(TMSUSPEND)");
            }
            delegate.end(xid, flags);
        }

        @Override
        public int prepare(Xid xid) throws XAException {
            calls.add("prepare");
            return delegate.prepare(xid);
        }

        @Override
        public void commit(Xid xid, boolean onePhase) throws XAException {
            calls.add(onePhase ? "commit(onePhase)" : "commit(twoPhase)");
            delegate.commit(xid, onePhase);
        }

        @Override
        public void rollback(Xid xid) throws XAException {
            calls.add("rollback");
            delegate.rollback(xid);
        }

        @Override
        public void forget(Xid xid) throws XAException {
            delegate.forget(xid);
        }

        @Override
        public Xid[] recover(int flag) throws XAException {
            return delegate.recover(flag);
        }

        @Override
        public boolean isSameRM(XAResource other) {
            return other == this;
        }

        @Override
        public int getTransactionTimeout() throws XAException {
            return delegate.getTransactionTimeout();
        }

        @Override
        public boolean setTransactionTimeout(int seconds) throws XAException {
            return delegate.setTransactionTimeout(seconds);
        }
    }

    /** A participant that votes to roll back at prepare: the other participants must roll back. */
    private static final class VetoingResource implements XAResource {
        @Override
        public void start(Xid xid, int flags) {
        }

        @Override
        public void end(Xid xid, int flags) {
        }

        @Override
        public int prepare(Xid xid) throws XAException {
            throw new XAException(XAException.XA_RBINTEGRITY);
        }

        @Override
        public void commit(Xid xid, boolean onePhase) {
        }

        @Override
        public void rollback(Xid xid) {
        }

        @Override
        public void forget(Xid xid) {
        }

        @Override
        public Xid[] recover(int flag) {
            return new Xid[0];
        }

        @Override
        public boolean isSameRM(XAResource other) {
            return other == this;
        }

        @Override
        public int getTransactionTimeout() {
            return 0;
        }

        @Override
        public boolean setTransactionTimeout(int seconds) {
            return false;
        }
    }
}
