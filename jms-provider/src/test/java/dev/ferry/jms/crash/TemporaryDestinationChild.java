package dev.ferry.jms.crash;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.store.config.FerryConfig;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The JVM that {@link TemporaryDestinationCrashTest} kills: it creates a temporary queue and a temporary topic
 * through JMS, sends one request per temporary destination (its {@code JMSReplyTo}) to a queue, logs the names
 * and {@code READY}, and waits to be killed with its connection open.
 *
 * <p>Arguments: {@code configFile eventLog requestQueue}.
 */
public final class TemporaryDestinationChild {

    /** A child never outlives this, even if its parent is gone without killing it. */
    private static final long MAX_LIFETIME_MILLIS = 120_000;

    private TemporaryDestinationChild() {
    }

    public static void main(String[] args) throws Exception {
        ProcessHandle.current().parent().ifPresent(parent ->
                parent.onExit().thenRun(() -> Runtime.getRuntime().halt(4)));
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(args[0]))) {
            properties.load(reader);
        }
        try (EventLog log = new EventLog(Path.of(args[1]))) {
            Connection connection = new FerryConnectionFactory(FerryConfig.of(properties)).createConnection();
            Session session = connection.createSession();
            TemporaryQueue replies = session.createTemporaryQueue();
            TemporaryTopic announcements = session.createTemporaryTopic();
            MessageProducer requests = session.createProducer(session.createQueue(args[2]));
            TextMessage toQueue = session.createTextMessage("reply to the temporary queue");
            toQueue.setJMSReplyTo(replies);
            requests.send(toQueue);
            TextMessage toTopic = session.createTextMessage("reply to the temporary topic");
            toTopic.setJMSReplyTo(announcements);
            requests.send(toTopic);
            log.write("QUEUE " + replies.getQueueName());
            log.write("TOPIC " + announcements.getTopicName());
            log.write("READY");
            Thread.sleep(MAX_LIFETIME_MILLIS);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(2);
    }
}
