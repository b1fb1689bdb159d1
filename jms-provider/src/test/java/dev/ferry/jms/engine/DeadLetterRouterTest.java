package dev.ferry.jms.engine;

import dev.ferry.store.Delivery;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageRecord;
import dev.ferry.store.Settlement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterRouterTest {

    private static final RedeliveryPolicy NO_DELAY = new RedeliveryPolicy(0, 1.0, 0);
    private final DeadLetterRouter router = new DeadLetterRouter(3, "DLQ");

    private static Delivery delivery(int deliveryCount, String failureReason) {
        MessageRecord message = new MessageRecord("ID:1", 0, null, null, null, null, true, 4, 0, 0, null, 0, 0,
                new byte[0], null);
        return new Delivery(7, 1, 1, deliveryCount, "orders", DestinationKind.QUEUE, null, failureReason, message);
    }

    @Test
    void deliveryBelowItsAttemptsIsRedelivered() {
        Settlement settlement = router.returned(delivery(2, null), "orders", new RedeliveryPolicy(50, 2.0, 1000), 1_000);

        assertThat(settlement).isEqualTo(new Settlement.Redeliver(7, 1_100));
    }

    @Test
    void deliveryThatUsedItsLastAttemptIsDeadLetteredWithTheReason() {
        Settlement settlement = router.returned(delivery(3, null), "orders", NO_DELAY, 0);

        assertThat(settlement).isEqualTo(new Settlement.DeadLetter(7, "DLQ", "exceeded 3 delivery attempts"));
    }

    @Test
    void deliveryInTheDeadLetterQueueItselfIsNeverDeadLettered() {
        assertThat(router.returned(delivery(9, null), "DLQ", NO_DELAY, 0)).isInstanceOf(Settlement.Redeliver.class);
        assertThat(router.beforeDelivery(delivery(9, null), "DLQ")).isNull();
    }

    @Test
    void deliveryThatWasDeadLetteredOnceStaysWhereItIs() {
        Delivery deadLetter = delivery(9, "exceeded 3 delivery attempts");

        assertThat(router.returned(deadLetter, "parking", NO_DELAY, 0)).isInstanceOf(Settlement.Redeliver.class);
        assertThat(router.beforeDelivery(deadLetter, "parking")).isNull();
    }

    @Test
    void claimedDeliveryPastItsAttemptsIsDeadLetteredBeforeDelivery() {
        assertThat(router.beforeDelivery(delivery(3, null), "orders")).isNull();
        assertThat(router.beforeDelivery(delivery(4, null), "orders"))
                .isEqualTo(new Settlement.DeadLetter(7, "DLQ", "exceeded 3 delivery attempts"));
    }

    @Test
    void undecodableDeliveryIsDeadLetteredWithTheCause() {
        Settlement settlement = router.undecodable(delivery(1, null), new IllegalArgumentException("bad bytes"));

        assertThat(settlement).isEqualTo(new Settlement.DeadLetter(7, "DLQ", "message could not be decoded: bad bytes"));
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> new DeadLetterRouter(0, "DLQ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeadLetterRouter(1, " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
