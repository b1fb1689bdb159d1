package dev.ferry.jms.engine;

/**
 * Redelivery settings that one consumer's owner imposes over the destination's policy: a message-driven bean's
 * activation says how often and how soon its failed messages come back, whatever the destination's defaults.
 * Unset values ({@code null}) leave the destination's rule in force.
 */
public final class DeliveryOverrides {

    public static final DeliveryOverrides NONE = new DeliveryOverrides(null, null);

    private final Integer maxDeliveryAttempts;
    private final Long redeliveryDelayMillis;

    public DeliveryOverrides(Integer maxDeliveryAttempts, Long redeliveryDelayMillis) {
        if (maxDeliveryAttempts != null && maxDeliveryAttempts < 1) {
            throw new IllegalArgumentException("max delivery attempts must be at least 1, was " + maxDeliveryAttempts);
        }
        if (redeliveryDelayMillis != null && redeliveryDelayMillis < 0) {
            throw new IllegalArgumentException("redelivery delay must not be negative, was " + redeliveryDelayMillis);
        }
        this.maxDeliveryAttempts = maxDeliveryAttempts;
        this.redeliveryDelayMillis = redeliveryDelayMillis;
    }

    /** The destination's rules with these values in place of its own. */
    public DeliveryRules apply(DeliveryRules rules) {
        if (maxDeliveryAttempts == null && redeliveryDelayMillis == null) {
            return rules;
        }
        RedeliveryPolicy redelivery = rules.redelivery();
        if (redeliveryDelayMillis != null) {
            redelivery = new RedeliveryPolicy(redeliveryDelayMillis, redelivery.backoff(),
                    Math.max(redeliveryDelayMillis, redelivery.maxDelayMillis()));
        }
        DeadLetterRouter deadLetters = rules.deadLetters();
        if (maxDeliveryAttempts != null) {
            deadLetters = deadLetters.withMaxDeliveryAttempts(maxDeliveryAttempts);
        }
        return new DeliveryRules(redelivery, deadLetters, rules.prefetch(), rules.paused());
    }

    @Override
    public String toString() {
        return "DeliveryOverrides[maxDeliveryAttempts=" + maxDeliveryAttempts + ", redeliveryDelay="
                + redeliveryDelayMillis + "ms]";
    }
}
