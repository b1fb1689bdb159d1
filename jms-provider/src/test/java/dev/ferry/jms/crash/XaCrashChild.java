package dev.ferry.jms.crash;

import dev.ferry.jms.xa.FerryXAConnectionFactory;
import dev.ferry.jms.xa.FerryXid;
import dev.ferry.store.config.FerryConfig;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The JVM {@link XaCrashRecoveryTest} kills between prepare and commit: in one XA branch it receives
 * {@code consume} messages from the input queue and sends as many replies to the output queue, prepares the
 * branch, writes {@code PREPARED} to its marker file and waits to be killed.
 *
 * <p>Arguments: {@code configFile globalTransactionId inputQueue outputQueue consume markerFile}.
 */
public final class XaCrashChild {

    /** A child never outlives this, even if its parent is gone without killing it. */
    private static final long MAX_LIFETIME_MILLIS = 120_000;

    public static void main(String[] args) throws Exception {
        ProcessHandle.current().parent().ifPresent(parent ->
                parent.onExit().thenRun(() -> Runtime.getRuntime().halt(4)));
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(args[0]))) {
            properties.load(reader);
        }
        FerryConfig config = FerryConfig.of(properties);
        Xid xid = new FerryXid(XaCrashRecoveryTest.FORMAT_ID, args[1].getBytes(StandardCharsets.US_ASCII),
                new byte[] {1});
        int consume = Integer.parseInt(args[4]);
        try {
            XAConnection connection = new FerryXAConnectionFactory(config).createXAConnection();
            connection.start();
            XASession session = connection.createXASession();
            Queue input = session.createQueue(args[2]);
            Queue output = session.createQueue(args[3]);
            MessageConsumer consumer = session.createConsumer(input);
            MessageProducer producer = session.createProducer(output);
            XAResource resource = session.getXAResource();

            resource.start(xid, XAResource.TMNOFLAGS);
            for (int i = 0; i < consume; i++) {
                TextMessage request = (TextMessage) consumer.receive(30_000);
                if (request == null) {
                    throw new IllegalStateException("input message " + (i + 1) + " did not arrive");
                }
                producer.send(session.createTextMessage("reply to " + request.getText()));
            }
            resource.end(xid, XAResource.TMSUCCESS);
            int vote = resource.prepare(xid);
            if (vote != XAResource.XA_OK) {
                throw new IllegalStateException("prepare voted " + vote);
            }
            Files.writeString(Path.of(args[5]), "PREPARED\n");
            Thread.sleep(MAX_LIFETIME_MILLIS); // killed here, between prepare and commit
            System.exit(3);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private XaCrashChild() {
    }
}
