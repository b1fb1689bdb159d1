package dev.ferry.bench.provider;

import dev.ferry.bench.measure.FsyncProbe;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Apache ActiveMQ Artemis in this JVM: persistent NIO journal in the data directory, every durable send
 * and every commit synced before it is confirmed, clients on the in-VM connector.
 */
final class ArtemisBroker implements BrokerUnderTest {

    private final EmbeddedActiveMQ embedded;
    private final ActiveMQConnectionFactory factory;
    private final Map<String, String> description = new LinkedHashMap<>();

    private ArtemisBroker(EmbeddedActiveMQ embedded) {
        this.embedded = embedded;
        // blockOnDurableSend is on by default: a persistent send waits for the broker's confirmation
        this.factory = new ActiveMQConnectionFactory("vm://0");
        description.put("artemis", ActiveMQServer.class.getPackage().getImplementationVersion());
        description.put("store", "NIO journal");
    }

    static BrokerUnderTest start(Path dataDir) throws Exception {
        // `artemis create` measures the disk's sync time and writes it into broker.xml as the journal's
        // buffer timeout (how long the journal gathers writes into one sync); the embedded default of
        // 3.3 ms would cap a single synchronous sender near 300 msg/s on any disk. Do what the tool does.
        FsyncProbe.Rate sync = FsyncProbe.measure(dataDir.resolve("journal"), Duration.ofMillis(500), 2_000);
        int bufferTimeoutNanos = (int) Math.max(1_000, Math.min(3_333_333, sync.meanMicros() * 1_000));
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .setJournalSyncTransactional(true)
                .setJournalSyncNonTransactional(true)
                .setJournalDatasync(true)
                .setJournalBufferTimeout_NIO(bufferTimeoutNanos)
                .addAcceptorConfiguration("in-vm", "vm://0");
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
        embedded.setConfiguration(config);
        embedded.start();
        ArtemisBroker broker = new ArtemisBroker(embedded);
        broker.description.put("journalBufferTimeoutMicros", Integer.toString(bufferTimeoutNanos / 1_000));
        return broker;
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return factory;
    }

    @Override
    public Durability durability() {
        Configuration config = embedded.getActiveMQServer().getConfiguration();
        String line = "Artemis journal " + config.getJournalType() + ", journal-sync-transactional="
                + config.isJournalSyncTransactional() + ", journal-sync-non-transactional="
                + config.isJournalSyncNonTransactional() + ", journal-datasync=" + config.isJournalDatasync()
                + ", journal-buffer-timeout=" + config.getJournalBufferTimeout_NIO() / 1_000 + " µs"
                + ", block-on-durable-send=" + factory.isBlockOnDurableSend();
        boolean synced = config.isJournalSyncTransactional() && config.isJournalSyncNonTransactional()
                && config.isJournalDatasync() && factory.isBlockOnDurableSend();
        return synced
                ? Durability.disk(line + ": the journal is forced (fdatasync) before a send or commit is confirmed")
                : Durability.os(line);
    }

    @Override
    public Map<String, String> description() {
        return description;
    }

    @Override
    public void close() throws Exception {
        try {
            factory.close();
        } finally {
            embedded.stop();
        }
    }
}
