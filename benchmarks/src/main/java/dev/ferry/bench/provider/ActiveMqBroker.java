package dev.ferry.bench.provider;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.store.jdbc.JDBCPersistenceAdapter;
import org.apache.activemq.store.jdbc.adapter.H2JDBCAdapter;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.h2.jdbcx.JdbcConnectionPool;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Apache ActiveMQ Classic in this JVM, clients on the {@code vm://} transport. */
final class ActiveMqBroker implements BrokerUnderTest {

    private static final String BROKER_NAME = "bench";

    private final BrokerService broker;
    private final ActiveMQConnectionFactory factory;
    private final KahaDBPersistenceAdapter kahaDb;
    private final String h2Url;
    private final JdbcConnectionPool h2Pool;
    private final Map<String, String> description = new LinkedHashMap<>();

    private ActiveMqBroker(BrokerService broker, KahaDBPersistenceAdapter kahaDb, String h2Url,
                           JdbcConnectionPool h2Pool) {
        this.broker = broker;
        this.kahaDb = kahaDb;
        this.h2Url = h2Url;
        this.h2Pool = h2Pool;
        // create=false: the clients must use the broker started here, never a second one made on demand
        this.factory = new ActiveMQConnectionFactory("vm://" + BROKER_NAME + "?create=false");
        description.put("activemq", BrokerService.class.getPackage().getImplementationVersion());
    }

    /** KahaDB, its journal synced on every write (the default, stated explicitly). */
    static BrokerUnderTest withKahaDb(Path dataDir) throws Exception {
        KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
        kahaDb.setDirectory(dataDir.resolve("kahadb").toFile());
        kahaDb.setJournalDiskSyncStrategy("always");
        BrokerService broker = newBroker(dataDir);
        broker.setPersistenceAdapter(kahaDb);
        startOrCleanUp(broker, null);
        ActiveMqBroker started = new ActiveMqBroker(broker, kahaDb, null, null);
        started.description.put("store", "KahaDB");
        return started;
    }

    /** The JDBC store on an H2 file database: the like-for-like peer of Ferry on H2. */
    static BrokerUnderTest withJdbcOnH2(Path dataDir) throws Exception {
        // Ferry opens H2 with WRITE_DELAY=0 (each commit handed to the OS); the peer gets the same so that
        // the two H2 stores are equally durable. The durability line reads the setting back.
        String url = H2Store.url(dataDir, "activemq") + ";WRITE_DELAY=0";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, H2Store.USER, H2Store.PASSWORD);
        pool.setMaxConnections(16);
        JDBCPersistenceAdapter jdbc = new JDBCPersistenceAdapter();
        jdbc.setDataSource(pool);
        // the driver name of H2 2.x is not in the store's adapter table; say which dialect it is
        jdbc.setAdapter(new H2JDBCAdapter());
        // one broker per database here: the master/slave lock would only hold a connection open
        jdbc.setUseLock(false);
        jdbc.setDirectory(dataDir.resolve("activemq-jdbc").toFile());
        BrokerService broker = newBroker(dataDir);
        broker.setPersistenceAdapter(jdbc);
        startOrCleanUp(broker, pool);
        ActiveMqBroker started = new ActiveMqBroker(broker, null, url, pool);
        started.description.put("store", "JDBC on H2 " + org.h2.engine.Constants.FULL_VERSION);
        return started;
    }

    private static BrokerService newBroker(Path dataDir) {
        BrokerService broker = new BrokerService();
        broker.setBrokerName(BROKER_NAME);
        broker.setDataDirectoryFile(dataDir.toFile());
        broker.setPersistent(true);
        broker.setUseJmx(false);
        broker.setUseShutdownHook(false);
        return broker;
    }

    private static void startOrCleanUp(BrokerService broker, JdbcConnectionPool pool) throws Exception {
        try {
            broker.start();
            if (!broker.waitUntilStarted()) {
                throw new IllegalStateException("ActiveMQ broker did not start");
            }
        } catch (Exception | Error e) {
            broker.stop();
            if (pool != null) {
                pool.dispose();
            }
            throw e;
        }
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return factory;
    }

    @Override
    public Durability durability() throws Exception {
        if (kahaDb != null) {
            String line = "KahaDB journalDiskSyncStrategy=" + kahaDb.getJournalDiskSyncStrategy()
                    + ", persistent sends synchronous (useAsyncSend=" + factory.isUseAsyncSend() + ")";
            boolean synced = "always".equalsIgnoreCase(kahaDb.getJournalDiskSyncStrategy())
                    && !factory.isUseAsyncSend();
            return synced
                    ? Durability.disk(line + ": the journal is forced before a send or commit is confirmed")
                    : Durability.os(line);
        }
        return H2Store.durability(h2Url);
    }

    @Override
    public Map<String, String> description() {
        return description;
    }

    @Override
    public void close() throws Exception {
        try {
            broker.stop();
            broker.waitUntilStopped();
        } finally {
            if (h2Pool != null) {
                h2Pool.dispose();
            }
        }
    }
}
