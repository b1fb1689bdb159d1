package dev.ferry.store.admin;

import dev.ferry.store.Destination;

import java.time.Duration;

/**
 * A destination with what an operator configures on it.
 *
 * @param destination its identity and delivery policy (dead-letter queue, attempts, delays, expiry queue, paused)
 * @param retention   how long consumed messages are kept for replay; {@link Duration#ZERO} for not at all
 */
public record DestinationConfiguration(Destination destination, Duration retention) {

    public long id() {
        return destination.id();
    }

    public String name() {
        return destination.name();
    }
}
