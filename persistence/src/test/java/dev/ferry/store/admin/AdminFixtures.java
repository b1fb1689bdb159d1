package dev.ferry.store.admin;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageRecord;
import dev.ferry.store.MessageStore;
import dev.ferry.store.Settlement;
import dev.ferry.store.UnitOfWork;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Messages and states arranged through the store API for administration tests. */
final class AdminFixtures {

    static final Duration WAIT = Duration.ofSeconds(60);

    private AdminFixtures() {
    }

    static MessageRecord message(String text, int priority, String correlationId, long sentAt, byte[] properties) {
        return new MessageRecord("ID:" + text, sentAt, correlationId, null, null, "test", true, priority, 0, 0,
                null, 0, 1, properties, text.getBytes(StandardCharsets.UTF_8));
    }

    static MessageRecord message(String text) {
        return message(text, 4, null, System.currentTimeMillis(), new byte[0]);
    }

    /** Sends {@code count} messages "prefix-0".. in one transaction. */
    static void send(MessageStore store, Destination queue, String prefix, int count) {
        UnitOfWork work = new UnitOfWork();
        for (int i = 0; i < count; i++) {
            work.send(queue.id(), message(prefix + "-" + i));
        }
        store.commit(work);
    }

    /** Sends then dead-letters {@code count} messages of {@code queue} into {@code dlq}; returns the DLQ. */
    static Destination deadLetter(MessageStore store, Destination queue, String dlq, int count) {
        send(store, queue, "dead", count);
        List<Settlement> settlements = new ArrayList<>();
        for (Delivery delivery : store.claim(queue.queueId(), count)) {
            settlements.add(new Settlement.DeadLetter(delivery.deliveryId(), dlq, "listener threw"));
        }
        store.settle(settlements);
        return store.findDestination(dlq, DestinationKind.QUEUE).orElseThrow();
    }

    static String text(MessageSummary summary, MessageStore store) {
        return store.administration().detail(summary.deliveryId())
                .map(d -> new String(d.delivery().message().body(), StandardCharsets.UTF_8)).orElse(null);
    }

    static List<String> bodies(List<Delivery> deliveries) {
        List<String> texts = new ArrayList<>();
        deliveries.forEach(d -> texts.add(new String(d.message().body(), StandardCharsets.UTF_8)));
        return texts;
    }
}
