package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.Settlement;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.testing.Messages;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static dev.ferry.store.testing.Messages.bodyText;

/**
 * A JVM that works the store from several threads at once, as a broker does, until it is killed (by
 * {@link KillAndReopenTest}): senders commit batches of messages, consumers claim batches and acknowledge,
 * redeliver or return what they claimed. It opens the store first, which recovers the leases of the JVM killed
 * before it. Its event log says {@code OPENED} once the store is open, {@code SENDING <body>} before a send's
 * commit and {@code SENT <body>} after it returned, {@code ACKING <body>} before an acknowledgement's commit and
 * {@code ACKED <body>} after it returned.
 * Arguments: {@code generation eventLog key=value…} (ferry properties).
 */
public final class CrashingWorker {

    static final String QUEUE = "crash";

    private CrashingWorker() {
    }

    public static void main(String[] args) throws IOException {
        String generation = args[0];
        Map<String, String> values = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            values.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        PrintStream log = new PrintStream(Files.newOutputStream(Path.of(args[1]), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), true, "UTF-8");
        MessageStore store;
        try {
            store = MessageStores.open(FerryConfig.of(values));
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(2);
            return;
        }
        Destination queue = store.createDestinationIfAbsent(QUEUE, DestinationKind.QUEUE);
        event(log, "OPENED");
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String prefix = generation + "-" + i + "-";
            workers.add(new Thread(() -> send(store, queue, prefix, log), "sender-" + i));
            workers.add(new Thread(() -> consume(store, queue, log), "consumer-" + i));
        }
        for (Thread worker : workers) {
            worker.setUncaughtExceptionHandler((thread, e) -> {
                e.printStackTrace();
                Runtime.getRuntime().halt(3); // the parent sees the worker died before it was killed
            });
            worker.start();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(MessageStore store, Destination queue, String prefix, PrintStream log) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (long sequence = 1; ; ) {
            UnitOfWork work = new UnitOfWork();
            List<String> bodies = new ArrayList<>();
            for (int i = random.nextInt(1, 6); i > 0; i--) {
                String body = prefix + sequence++;
                work.send(queue.id(), Messages.text(body));
                bodies.add(body);
            }
            bodies.forEach(body -> event(log, "SENDING " + body));
            store.commit(work);
            bodies.forEach(body -> event(log, "SENT " + body));
        }
    }

    private static void consume(MessageStore store, Destination queue, PrintStream log) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            List<Delivery> claimed = store.claim(queue.queueId(), random.nextInt(1, 5));
            UnitOfWork acknowledgements = new UnitOfWork();
            List<String> acknowledged = new ArrayList<>();
            List<Settlement> returned = new ArrayList<>();
            for (Delivery delivery : claimed) {
                int fate = random.nextInt(10);
                if (fate == 0) {
                    returned.add(new Settlement.Redeliver(delivery.deliveryId(), System.currentTimeMillis()));
                } else if (fate == 1) {
                    returned.add(new Settlement.Unconsumed(delivery.deliveryId()));
                } else {
                    acknowledgements.acknowledge(delivery.deliveryId());
                    acknowledged.add(bodyText(delivery.message()));
                }
            }
            if (!returned.isEmpty()) {
                store.settle(returned);
            }
            if (!acknowledged.isEmpty()) {
                acknowledged.forEach(body -> event(log, "ACKING " + body));
                store.commit(acknowledgements);
                acknowledged.forEach(body -> event(log, "ACKED " + body));
            }
            if (claimed.isEmpty()) {
                pause(5);
            }
        }
    }

    private static void event(PrintStream log, String line) {
        synchronized (log) {
            log.println(line);
        }
    }
}
