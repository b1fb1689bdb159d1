package dev.ferry.jms.engine;

import dev.ferry.store.DestinationPolicy;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryRulesTest {

    @Test
    void destinationWithoutPolicyGetsTheBrokerDefaults() {
        DeliveryRules rules = DeliveryRules.resolve(DestinationPolicy.DEFAULTS, FerryConfig.defaults());

        assertThat(rules.redelivery().delayMillis()).isZero();
        assertThat(rules.redelivery().backoff()).isEqualTo(1.0);
        assertThat(rules.redelivery().maxDelayMillis()).isEqualTo(300_000);
        assertThat(rules.deadLetters().maxDeliveryAttempts()).isEqualTo(10);
        assertThat(rules.deadLetters().deadLetterQueue()).isEqualTo("DLQ");
        assertThat(rules.prefetch().batchSize()).isEqualTo(32);
        assertThat(rules.paused()).isFalse();
    }

    @Test
    void configurationChangesTheDefaults() {
        FerryConfig config = FerryConfig.of(Map.of(
                FerryProperties.REDELIVERY_DELAY.key(), "2s",
                FerryProperties.REDELIVERY_BACKOFF.key(), "1.5",
                FerryProperties.MAX_DELIVERY_ATTEMPTS.key(), "4",
                FerryProperties.DEAD_LETTER_QUEUE.key(), "parking",
                FerryProperties.PREFETCH.key(), "5"));

        DeliveryRules rules = DeliveryRules.resolve(null, config);

        assertThat(rules.redelivery().delayMillis()).isEqualTo(2_000);
        assertThat(rules.redelivery().backoff()).isEqualTo(1.5);
        assertThat(rules.deadLetters().maxDeliveryAttempts()).isEqualTo(4);
        assertThat(rules.deadLetters().deadLetterQueue()).isEqualTo("parking");
        assertThat(rules.prefetch().batchSize()).isEqualTo(5);
    }

    @Test
    void destinationPolicyOverridesTheConfiguration() {
        FerryConfig config = FerryConfig.of(Map.of(FerryProperties.MAX_DELIVERY_ATTEMPTS.key(), "4",
                FerryProperties.REDELIVERY_DELAY.key(), "2s"));
        DestinationPolicy policy = new DestinationPolicy("orders.DLQ", 2, 50L, 3.0, 900L, null, true);

        DeliveryRules rules = DeliveryRules.resolve(policy, config);

        assertThat(rules.deadLetters().deadLetterQueue()).isEqualTo("orders.DLQ");
        assertThat(rules.deadLetters().maxDeliveryAttempts()).isEqualTo(2);
        assertThat(rules.redelivery().delayMillis()).isEqualTo(50);
        assertThat(rules.redelivery().backoff()).isEqualTo(3.0);
        assertThat(rules.redelivery().maxDelayMillis()).isEqualTo(900);
        assertThat(rules.paused()).isTrue();
    }
}
