package dev.ferry.jms.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedeliveryPolicyTest {

    @Test
    void firstRedeliveryWaitsTheBaseDelay() {
        assertThat(new RedeliveryPolicy(100, 2.0, 10_000).delayAfter(1)).isEqualTo(100);
    }

    @Test
    void eachFurtherFailureMultipliesTheDelayByTheBackoff() {
        RedeliveryPolicy policy = new RedeliveryPolicy(100, 2.0, 10_000);

        assertThat(policy.delayAfter(2)).isEqualTo(200);
        assertThat(policy.delayAfter(3)).isEqualTo(400);
        assertThat(policy.delayAfter(5)).isEqualTo(1600);
    }

    @Test
    void backoffNeverExceedsTheMaximumDelay() {
        RedeliveryPolicy policy = new RedeliveryPolicy(100, 10.0, 5_000);

        assertThat(policy.delayAfter(3)).isEqualTo(5_000);
        assertThat(policy.delayAfter(1_000)).isEqualTo(5_000);
    }

    @Test
    void constantBackoffKeepsTheDelay() {
        assertThat(new RedeliveryPolicy(250, 1.0, 60_000).delayAfter(7)).isEqualTo(250);
    }

    @Test
    void zeroDelayRedeliversImmediately() {
        assertThat(new RedeliveryPolicy(0, 3.0, 60_000).readyAt(1_000, 4)).isEqualTo(1_000);
    }

    @Test
    void readyTimeIsNowPlusTheDelay() {
        assertThat(new RedeliveryPolicy(100, 2.0, 10_000).readyAt(5_000, 2)).isEqualTo(5_200);
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> new RedeliveryPolicy(-1, 1.0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedeliveryPolicy(0, 0.5, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.5");
    }
}
