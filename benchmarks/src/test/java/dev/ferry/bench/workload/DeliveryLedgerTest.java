package dev.ferry.bench.workload;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryLedgerTest {

    @Test
    void everySequenceOnceIsExactlyOnce() {
        DeliveryLedger ledger = new DeliveryLedger("q");
        for (long seq = 0; seq < 5; seq++) {
            ledger.record(seq);
        }
        ledger.expect(5);

        assertThat(ledger.isComplete()).isTrue();
        assertThat(ledger.check().exactlyOnce()).isTrue();
    }

    @Test
    void secondDeliveryOfASequenceIsADuplicate() {
        DeliveryLedger ledger = new DeliveryLedger("q");
        ledger.expect(2);
        assertThat(ledger.record(0)).isTrue();
        assertThat(ledger.record(1)).isTrue();
        assertThat(ledger.record(1)).isFalse();

        DeliveryLedger.Check check = ledger.check();
        assertThat(check.duplicates()).isEqualTo(1);
        assertThat(check.firstDuplicate()).isEqualTo(1);
        assertThat(check.exactlyOnce()).isFalse();
        assertThat(check.describe()).contains("duplicates 1");
    }

    @Test
    void missingSequenceIsReportedWithTheFirstGap() {
        DeliveryLedger ledger = new DeliveryLedger("q");
        ledger.record(0);
        ledger.record(2);
        ledger.expect(3);

        DeliveryLedger.Check check = ledger.check();
        assertThat(ledger.isComplete()).isFalse();
        assertThat(check.missing()).isEqualTo(1);
        assertThat(check.firstMissing()).isEqualTo(1);
        assertThat(check.exactlyOnce()).isFalse();
    }

    @Test
    void sequenceNeverSentIsUnexpected() {
        DeliveryLedger ledger = new DeliveryLedger("q");
        ledger.record(0);
        ledger.record(7);
        ledger.expect(1);

        DeliveryLedger.Check check = ledger.check();
        assertThat(check.delivered()).isEqualTo(1);
        assertThat(check.unexpected()).isEqualTo(1);
        assertThat(check.exactlyOnce()).isFalse();
    }

    @Test
    void messageLeftOnTheDestinationAfterCompletionBreaksExactlyOnce() {
        DeliveryLedger ledger = new DeliveryLedger("q");
        ledger.expect(1);
        ledger.record(0);
        ledger.recordStray();

        assertThat(ledger.check().exactlyOnce()).isFalse();
    }

    @Test
    void ledgerIsNotCompleteBeforeTheSentCountIsKnown() {
        DeliveryLedger ledger = new DeliveryLedger("q");
        ledger.record(0);

        assertThat(ledger.isComplete()).isFalse();
        assertThat(ledger.check().exactlyOnce()).isFalse();
    }
}
