package dev.ferry.jms.engine;

import dev.ferry.store.DestinationPolicy;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;

/**
 * The effective delivery rules of one destination: its own {@link DestinationPolicy} where it sets a value, the
 * broker-wide {@code ferry.*} defaults elsewhere.
 */
public final class DeliveryRules {

    private final RedeliveryPolicy redelivery;
    private final DeadLetterRouter deadLetters;
    private final PrefetchPolicy prefetch;
    private final boolean paused;

    public DeliveryRules(RedeliveryPolicy redelivery, DeadLetterRouter deadLetters, PrefetchPolicy prefetch,
                         boolean paused) {
        this.redelivery = redelivery;
        this.deadLetters = deadLetters;
        this.prefetch = prefetch;
        this.paused = paused;
    }

    public static DeliveryRules resolve(DestinationPolicy policy, FerryConfig config) {
        DestinationPolicy p = policy == null ? DestinationPolicy.DEFAULTS : policy;
        long delay = p.redeliveryDelayMillis() != null ? p.redeliveryDelayMillis()
                : config.get(FerryProperties.REDELIVERY_DELAY).toMillis();
        double backoff = p.redeliveryBackoff() != null ? p.redeliveryBackoff()
                : config.get(FerryProperties.REDELIVERY_BACKOFF);
        long maxDelay = p.maxRedeliveryDelayMillis() != null ? p.maxRedeliveryDelayMillis()
                : config.get(FerryProperties.REDELIVERY_MAX_DELAY).toMillis();
        int attempts = p.maxDeliveryAttempts() != null ? p.maxDeliveryAttempts()
                : config.get(FerryProperties.MAX_DELIVERY_ATTEMPTS);
        String dlq = p.deadLetterQueue() != null ? p.deadLetterQueue()
                : config.get(FerryProperties.DEAD_LETTER_QUEUE);
        return new DeliveryRules(new RedeliveryPolicy(delay, backoff, maxDelay), new DeadLetterRouter(attempts, dlq),
                new PrefetchPolicy(config.get(FerryProperties.PREFETCH)), p.paused());
    }

    public RedeliveryPolicy redelivery() {
        return redelivery;
    }

    public DeadLetterRouter deadLetters() {
        return deadLetters;
    }

    public PrefetchPolicy prefetch() {
        return prefetch;
    }

    /** Whether an operator has suspended delivery to consumers. */
    public boolean paused() {
        return paused;
    }
}
