package dev.ferry.jms.crash;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The crash test's judge finds each kind of broken promise (so that its silence means something). */
class DeliveryLedgerTest {

    private static DeliveryLedger ledger(String... lines) {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.read("run 1", List.of(lines));
        ledger.read("drain", List.of("DRAINED"));
        return ledger;
    }

    @Test
    void runThatKeptEveryPromiseHasNoProblems() {
        DeliveryLedger ledger = ledger("SENDING m1", "SENT m1", "RECV m1 0", "RECV m1 1", "ACKED m1");

        assertThat(ledger.problems()).isEmpty();
        assertThat(ledger.duplicates()).isEqualTo(1);
    }

    @Test
    void sentMessageNeverDeliveredIsLost() {
        assertThat(ledger("SENDING m1", "SENT m1").problems()).singleElement().asString().contains("[m1]");
    }

    @Test
    void messageDeliveredAfterItsAcknowledgementReturnedIsReported() {
        assertThat(ledger("SENDING m1", "SENT m1", "RECV m1 0", "ACKED m1", "RECV m1 1").problems())
                .singleElement().asString().contains("after its acknowledgement returned");
    }

    @Test
    void repeatedDeliveryWithoutRedeliveredFlagIsReported() {
        assertThat(ledger("SENDING m1", "SENT m1", "RECV m1 0", "RECV m1 0").problems())
                .singleElement().asString().contains("without JMSRedelivered");
    }

    @Test
    void deliveryOfARolledBackSendIsReported() {
        assertThat(ledger("SENDING m1", "ROLLEDBACK m1", "RECV m1 0").problems())
                .singleElement().asString().contains("rolled back");
    }

    @Test
    void deliveryOfAMessageNeverSentIsReported() {
        assertThat(ledger("RECV m9 0").problems()).singleElement().asString().contains("never sent");
    }

    @Test
    void sendThatMayHaveCommittedBeforeTheKillNeedNotBeDelivered() {
        assertThat(ledger("SENDING m1").problems()).isEmpty();
    }

    @Test
    void runWithoutAFinishedDrainIsReported() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.read("run 1", List.of("SENDING m1", "SENT m1", "RECV m1 0"));

        assertThat(ledger.problems()).singleElement().asString().contains("drain did not finish");
    }
}
