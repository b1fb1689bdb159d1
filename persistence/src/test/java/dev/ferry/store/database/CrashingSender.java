package dev.ferry.store.database;

import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.testing.Messages;

import java.util.HashMap;
import java.util.Map;

/**
 * A JVM that commits messages one per transaction, says so, and waits to be killed (by {@link DurabilityTest}).
 * Arguments: {@code key=value} ferry properties, then the number of messages.
 */
public final class CrashingSender {

    private CrashingSender() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length - 1; i++) {
            int eq = args[i].indexOf('=');
            values.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        int count = Integer.parseInt(args[args.length - 1]);
        MessageStore store = MessageStores.open(FerryConfig.of(values));
        Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
        for (int i = 0; i < count; i++) {
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("m" + i)));
        }
        System.out.println("COMMITTED " + count);
        System.out.flush();
        Thread.sleep(60_000); // never closes: the test kills this JVM
        System.exit(3);
    }
}
