package dev.ferry.jms.crash;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.store.config.FerryConfig;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The JVM the crash test kills. {@code RUN} mode sends and receives until it is killed: one producer sending
 * outside a transaction, one committing (and now and then rolling back) batches, and three consumers, in
 * AUTO_ACKNOWLEDGE (a listener), CLIENT_ACKNOWLEDGE (now and then recovering) and a transacted session (now and
 * then rolling back). {@code DRAIN} mode receives until the queue has been idle for a while, then exits.
 * Everything it sees goes to an {@link EventLog}; "returned" events are written only after the call returned.
 *
 * <p>{@code NODE} mode is {@code RUN} as one node of several sharing a database (see
 * {@code ClusterFailoverTest}), steered by lines on standard input: {@code STOP} stops the producers (the consumers
 * go on), {@code EXIT} closes the connection and exits; the work starts on {@code GO}, once every node is ready.
 * With a seventh argument {@code holder} the node also holds what a dead node must give up: a temporary queue, a
 * non-durable subscription of topic {@code cluster-topic}, the durable subscription {@code audit} of client ID
 * {@code cluster-app} on it (not consumed), and {@value #HOARDED} messages of the queue received in
 * CLIENT_ACKNOWLEDGE and never acknowledged.
 *
 * <p>Arguments: {@code RUN|DRAIN|NODE generation configFile|- eventLog queue idleMillis [holder]}. With {@code -}
 * the factory is {@code new FerryConnectionFactory()}: the embedded default in the working directory.
 */
public final class CrashChild {

    /** A child never outlives this, even if its parent is gone without killing it. */
    private static final long MAX_LIFETIME_MILLIS = 150_000;

    private final EventLog log;
    private final String generation;
    private volatile boolean stopping;
    /** NODE mode: false once the parent asked the producers to stop. */
    private volatile boolean producing = true;
    /** NODE mode: a pause after each send, so that producers do not outrun the consumers into a long drain. */
    private volatile long sendPauseMillis;
    /** NODE mode: released by GO. */
    private final java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    private boolean nodeMode;
    private boolean holder;
    static final int HOARDED = 20;

    private CrashChild(EventLog log, String generation) {
        this.log = log;
        this.generation = generation;
    }

    public static void main(String[] args) throws Exception {
        guardLifetime();
        String mode = args[0];
        ConnectionFactory factory = "-".equals(args[2]) ? new FerryConnectionFactory()
                : new FerryConnectionFactory(FerryConfig.of(load(Path.of(args[2]))));
        try (EventLog log = new EventLog(Path.of(args[3]));
             Connection connection = factory.createConnection()) {
            CrashChild child = new CrashChild(log, args[1]);
            Queue queue = connection.createSession().createQueue(args[4]);
            if ("RUN".equals(mode)) {
                child.run(connection, queue);
            } else if ("NODE".equals(mode)) {
                child.holder = args.length > 6 && "holder".equals(args[6]);
                if (child.holder) {
                    holdNodeResources(factory);
                }
                child.nodeMode = true;
                child.sendPauseMillis = 3;
                child.steerFromStandardInput(connection);
                child.run(connection, queue);
            } else {
                child.drain(connection, queue, Long.parseLong(args[5]));
            }
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void guardLifetime() {
        ProcessHandle.current().parent().ifPresent(parent ->
                parent.onExit().thenRun(() -> Runtime.getRuntime().halt(4)));
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(MAX_LIFETIME_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("crash-test child ran longer than " + MAX_LIFETIME_MILLIS + " ms; stopping");
            Runtime.getRuntime().halt(3);
        }, "crash-child-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Resources that live only as long as this node: the parent checks they go when it is killed. */
    private static void holdNodeResources(ConnectionFactory factory) throws JMSException {
        Connection held = factory.createConnection();
        held.setClientID("cluster-app");
        Session session = held.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createTemporaryQueue();
        jakarta.jms.Topic topic = session.createTopic("cluster-topic");
        session.createConsumer(topic);
        session.createDurableConsumer(topic, "audit");
        held.start();
    }

    private void steerFromStandardInput(Connection connection) {
        Thread control = new Thread(() -> {
            try (java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.US_ASCII))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if ("GO".equals(line.trim())) {
                        go.countDown();
                    } else if ("STOP".equals(line.trim())) {
                        producing = false;
                    } else if ("EXIT".equals(line.trim())) {
                        stopping = true;
                        connection.close();
                        System.exit(0);
                    }
                }
            } catch (IOException | JMSException e) {
                e.printStackTrace();
                Runtime.getRuntime().halt(5);
            }
        }, "node-control");
        control.setDaemon(true);
        control.start();
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    // ---- RUN ----------------------------------------------------------------------------------------------

    private void run(Connection connection, Queue queue) throws Exception {
        Session listenerSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        // AUTO_ACKNOWLEDGE with a listener: the acknowledgement commits after onMessage returns, so the RECV line
        // is always written before it (a receive() would acknowledge before the line could be written).
        listenerSession.createConsumer(queue).setMessageListener(message -> received(message));

        List<Thread> workers = new ArrayList<>();
        workers.add(worker("producer-auto", () -> produceOneByOne(connection, queue)));
        workers.add(worker("producer-transacted", () -> produceInTransactions(connection, queue)));
        workers.add(worker("consumer-client", () -> consumeWithClientAcknowledge(connection, queue)));
        workers.add(worker("consumer-transacted", () -> consumeInTransactions(connection, queue)));
        connection.start();
        if (nodeMode) {
            if (holder) {
                workers.add(worker("hoarder", () -> hoard(connection, queue)));
            }
            log.write("READY");
            go.await();
            workers.forEach(Thread::start);
        } else {
            workers.forEach(Thread::start);
            log.write("READY");
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /** A worker that failed stops the JVM with a non-zero status: the parent sees it died before the kill. */
    private Thread worker(String name, Work work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                if (!stopping) {
                    System.err.println(name + " failed:");
                    e.printStackTrace();
                    Runtime.getRuntime().halt(2);
                }
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    private void produceOneByOne(Connection connection, Queue queue) throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (long sequence = 1; producing; sequence++) {
            String id = generation + "-a-" + sequence;
            log.write("SENDING " + id);
            producer.send(session.createTextMessage(id));
            log.write("SENT " + id);
            pause();
        }
    }

    private void produceInTransactions(Connection connection, Queue queue) throws JMSException {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long sequence = 0;
        while (producing) {
            List<String> batch = new ArrayList<>();
            int size = 1 + random.nextInt(5);
            for (int i = 0; i < size; i++) {
                String id = generation + "-t-" + ++sequence;
                log.write("SENDING " + id);
                producer.send(session.createTextMessage(id));
                batch.add(id);
                pause();
            }
            if (random.nextInt(10) == 0) {
                session.rollback();
                batch.forEach(id -> log.write("ROLLEDBACK " + id));
            } else {
                session.commit();
                batch.forEach(id -> log.write("SENT " + id));
            }
        }
    }

    /** Receives messages and never acknowledges them: they stay leased to this node until it dies. */
    private void hoard(Connection connection, Queue queue) throws Exception {
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        for (int held = 0; held < HOARDED; ) {
            Message message = consumer.receive(200);
            if (message != null) {
                received(message);
                held++;
            }
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    private void pause() {
        if (sendPauseMillis > 0) {
            try {
                Thread.sleep(sendPauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void consumeWithClientAcknowledge(Connection connection, Queue queue) throws JMSException {
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> pending = new ArrayList<>();
        Message last = null;
        int target = 1 + random.nextInt(4);
        while (true) {
            Message message = consumer.receive(200);
            if (message != null) {
                pending.add(received(message));
                last = message;
            }
            if (!pending.isEmpty() && (pending.size() >= target || message == null)) {
                if (random.nextInt(10) == 0) {
                    session.recover(); // all of them are delivered again, marked redelivered
                } else {
                    last.acknowledge(); // acknowledges every message the session delivered (JMS 3.1 §6.2.10)
                    pending.forEach(id -> log.write("ACKED " + id));
                }
                pending.clear();
                target = 1 + random.nextInt(4);
            }
        }
    }

    private void consumeInTransactions(Connection connection, Queue queue) throws JMSException {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(queue);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> pending = new ArrayList<>();
        int target = 1 + random.nextInt(4);
        while (true) {
            Message message = consumer.receive(200);
            if (message != null) {
                pending.add(received(message));
            }
            if (!pending.isEmpty() && (pending.size() >= target || message == null)) {
                if (random.nextInt(10) == 0) {
                    session.rollback();
                } else {
                    session.commit();
                    pending.forEach(id -> log.write("ACKED " + id));
                }
                pending.clear();
                target = 1 + random.nextInt(4);
            }
        }
    }

    private String received(Message message) {
        try {
            String id = ((TextMessage) message).getText();
            log.write("RECV " + id + " " + (message.getJMSRedelivered() ? 1 : 0));
            return id;
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read a received message", e);
        }
    }

    // ---- DRAIN --------------------------------------------------------------------------------------------

    /** Receives in transactions until nothing has arrived for {@code idleMillis}. */
    private void drain(Connection connection, Queue queue, long idleMillis) throws JMSException {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        List<String> pending = new ArrayList<>();
        long lastArrival = System.nanoTime();
        while (System.nanoTime() - lastArrival < TimeUnit.MILLISECONDS.toNanos(idleMillis)) {
            Message message = consumer.receive(250);
            if (message != null) {
                pending.add(received(message));
                lastArrival = System.nanoTime();
            }
            if (!pending.isEmpty() && (pending.size() >= 50 || message == null)) {
                session.commit();
                pending.forEach(id -> log.write("ACKED " + id));
                pending.clear();
            }
        }
        stopping = true;
        log.write("DRAINED");
    }
}
