package dev.ferry.jms.crash;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.ats.arjuna.common.recoveryPropertyManager;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.common.jtaPropertyManager;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import dev.ferry.jms.xa.FerryXAConnectionFactory;
import dev.ferry.store.config.FerryConfig;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.TransactionManager;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The JVMs of {@link TransactionManagerCrashTest}, both running Narayana with the same transaction log.
 * {@code CRASH}: in one JTA transaction, receives a request and sends a reply through Ferry and enlists a
 * second participant that halts the JVM when it is told to commit — after every participant prepared and the
 * transaction manager logged its commit decision, before Ferry was told. {@code RECOVER}: runs Narayana's
 * recovery manager with a recovery helper that hands it a Ferry XAResource, so that the logged decision is
 * carried out on Ferry's prepared branch.
 *
 * <p>Arguments: {@code CRASH|RECOVER configFile objectStoreDir inputQueue outputQueue markerFile}.
 */
public final class NarayanaCrashChild {

    static final String NODE = "ferry-tm-crash";

    public static void main(String[] args) throws Exception {
        ProcessHandle.current().parent().ifPresent(parent ->
                parent.onExit().thenRun(() -> Runtime.getRuntime().halt(4)));
        try {
            configureNarayana(Path.of(args[2]));
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(args[1]))) {
                properties.load(reader);
            }
            FerryXAConnectionFactory factory = new FerryXAConnectionFactory(FerryConfig.of(properties));
            if ("CRASH".equals(args[0])) {
                crash(factory, args[3], args[4], Path.of(args[5]));
            } else {
                recover(factory, Path.of(args[5]));
            }
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void configureNarayana(Path objectStore) throws Exception {
        BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class).setObjectStoreDir(objectStore.toString());
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "communicationStore")
                .setObjectStoreDir(objectStore.toString());
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "stateStore")
                .setObjectStoreDir(objectStore.toString());
        arjPropertyManager.getCoreEnvironmentBean().setNodeIdentifier(NODE);
        jtaPropertyManager.getJTAEnvironmentBean().setXaRecoveryNodes(List.of(NODE));
        recoveryPropertyManager.getRecoveryEnvironmentBean().setRecoveryListener(false);
        recoveryPropertyManager.getRecoveryEnvironmentBean().setRecoveryBackoffPeriod(1);
    }

    private static void crash(FerryXAConnectionFactory factory, String input, String output, Path marker)
            throws Exception {
        TransactionManager transactionManager = com.arjuna.ats.jta.TransactionManager.transactionManager();
        XAConnection connection = factory.createXAConnection();
        connection.start();
        XASession session = connection.createXASession();
        Queue in = session.createQueue(input);
        MessageConsumer consumer = session.createConsumer(in);

        transactionManager.begin();
        // the halting participant first: the second phase reaches it before Ferry
        transactionManager.getTransaction().enlistResource(new HaltingParticipant(marker));
        transactionManager.getTransaction().enlistResource(session.getXAResource());
        TextMessage request = (TextMessage) consumer.receive(30_000);
        if (request == null) {
            throw new IllegalStateException("the request did not arrive");
        }
        session.createProducer(session.createQueue(output)).send(session.createTextMessage("reply to "
                + request.getText()));
        transactionManager.commit(); // halts in the second phase
        throw new IllegalStateException("the commit returned: the participant did not halt the JVM");
    }

    private static void recover(FerryXAConnectionFactory factory, Path marker) throws Exception {
        XAConnection connection = factory.createXAConnection();
        XAResource ferry = connection.createXASession().getXAResource();
        RecoveryManager manager = RecoveryManager.manager(RecoveryManager.DIRECT_MANAGEMENT);
        XARecoveryModule.getRegisteredXARecoveryModule().addXAResourceRecoveryHelper(new XAResourceRecoveryHelper() {
            @Override
            public boolean initialise(String parameter) {
                return true;
            }

            @Override
            public XAResource[] getXAResources() {
                return new XAResource[] {ferry};
            }
        });
        manager.scan();
        manager.scan();
        Files.writeString(marker, "RECOVERED\n");
        manager.terminate();
        connection.close();
    }

    /**
     * A participant that prepares and then, when the CRASH JVM's transaction manager tells it to commit, writes
     * the marker and halts the JVM. Serializable, so that the transaction log keeps it and the RECOVER JVM can
     * complete it (there it only records that it was committed).
     */
    static final class HaltingParticipant implements XAResource, Serializable {
        private static final long serialVersionUID = 1L;
        private final String marker;

        HaltingParticipant(Path marker) {
            this.marker = marker.toString();
        }

        @Override
        public void commit(Xid xid, boolean onePhase) {
            if (Boolean.getBoolean("ferry.test.halt")) {
                try {
                    Files.writeString(Path.of(marker), "COMMIT DECIDED\n");
                } catch (Exception e) {
                    // the halt below is what matters
                }
                Runtime.getRuntime().halt(9);
            }
        }

        @Override
        public void end(Xid xid, int flags) {
        }

        @Override
        public void forget(Xid xid) {
        }

        @Override
        public int getTransactionTimeout() {
            return 0;
        }

        @Override
        public boolean isSameRM(XAResource other) {
            return other == this;
        }

        @Override
        public int prepare(Xid xid) {
            return XA_OK;
        }

        @Override
        public Xid[] recover(int flag) {
            return new Xid[0];
        }

        @Override
        public void rollback(Xid xid) {
        }

        @Override
        public boolean setTransactionTimeout(int seconds) {
            return false;
        }

        @Override
        public void start(Xid xid, int flags) {
        }
    }

    private NarayanaCrashChild() {
    }
}
