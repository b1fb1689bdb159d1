package dev.ferry.jms.cluster;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.store.config.FerryConfig;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A node the performance test steers: a JVM with one Ferry connection that consumes what it is told to, on
 * standard input, one command a line:
 * <ul>
 *   <li>{@code CONSUME queue sessions}: that many transacted sessions receive from the queue, each committing
 *       after 50 messages or when the queue is idle; a message with a {@code sentAtMicros} property has its
 *       end-to-end latency recorded when it is received;</li>
 *   <li>{@code REPORT queue}: stops those sessions and writes {@code name-queue.txt} in the result folder (the
 *       texts received and the latencies in microseconds);</li>
 *   <li>{@code EXIT}.</li>
 * </ul>
 * Arguments: {@code configFile resultFolder name}. It writes {@code name.ready} when its connection is up.
 */
public final class ClusterNodeMain {

    private final Connection connection;
    private final Path results;
    private final String name;
    private final Map<String, Consumption> consumptions = new HashMap<>();

    /** The sessions consuming one queue and what they received. */
    private static final class Consumption {
        final List<Thread> threads = new ArrayList<>();
        final Queue<String> texts = new ConcurrentLinkedQueue<>();
        final Queue<Long> latencies = new ConcurrentLinkedQueue<>();
        volatile boolean running = true;
    }

    private ClusterNodeMain(Connection connection, Path results, String name) {
        this.connection = connection;
        this.results = results;
        this.name = name;
    }

    public static void main(String[] args) throws Exception {
        ProcessHandle.current().parent().ifPresent(parent ->
                parent.onExit().thenRun(() -> Runtime.getRuntime().halt(4)));
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(args[0]))) {
            properties.load(reader);
        }
        Path results = Path.of(args[1]);
        try (Connection connection = new FerryConnectionFactory(FerryConfig.of(properties)).createConnection()) {
            connection.start();
            ClusterNodeMain node = new ClusterNodeMain(connection, results, args[2]);
            Files.writeString(results.resolve(args[2] + ".ready"), "ready");
            node.serve();
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void serve() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "CONSUME":
                    consume(words[1], Integer.parseInt(words[2]));
                    break;
                case "REPORT":
                    report(words[1]);
                    break;
                case "EXIT":
                    return;
                default:
                    throw new IllegalArgumentException("unknown command: " + line);
            }
        }
    }

    private void consume(String queueName, int sessions) throws JMSException {
        Consumption consumption = new Consumption();
        consumptions.put(queueName, consumption);
        for (int i = 0; i < sessions; i++) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
            Thread thread = new Thread(() -> {
                try {
                    int uncommitted = 0;
                    while (consumption.running) {
                        Message message = consumer.receive(100);
                        if (message != null) {
                            long now = micros();
                            if (message.propertyExists("sentAtMicros")) {
                                consumption.latencies.add(now - message.getLongProperty("sentAtMicros"));
                            }
                            consumption.texts.add(((TextMessage) message).getText());
                            uncommitted++;
                        }
                        if (uncommitted >= 50 || (message == null && uncommitted > 0)) {
                            session.commit();
                            uncommitted = 0;
                        }
                    }
                    if (uncommitted > 0) {
                        session.commit();
                    }
                    session.close();
                } catch (JMSException e) {
                    e.printStackTrace();
                    Runtime.getRuntime().halt(2);
                }
            }, name + "-" + queueName + "-" + i);
            consumption.threads.add(thread);
            thread.start();
        }
    }

    private void report(String queueName) throws Exception {
        Consumption consumption = consumptions.remove(queueName);
        consumption.running = false;
        for (Thread thread : consumption.threads) {
            thread.join();
        }
        List<String> lines = new ArrayList<>();
        lines.add("TEXTS " + String.join(",", consumption.texts));
        StringBuilder latencies = new StringBuilder("LATENCIES");
        consumption.latencies.forEach(l -> latencies.append(' ').append(l));
        lines.add(latencies.toString());
        Path temporary = results.resolve(name + "-" + queueName + ".tmp");
        Files.write(temporary, lines);
        Files.move(temporary, results.resolve(name + "-" + queueName + ".txt"), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Microseconds of the wall clock, which every process on this machine shares. */
    static long micros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
