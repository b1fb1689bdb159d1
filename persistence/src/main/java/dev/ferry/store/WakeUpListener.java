package dev.ferry.store;

import java.util.Set;

/** Told after a commit made deliveries ready (or scheduled) on some queues. Must return quickly. */
@FunctionalInterface
public interface WakeUpListener {
    void deliveriesAdded(Set<Long> queueIds);
}
