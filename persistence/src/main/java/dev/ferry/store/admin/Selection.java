package dev.ferry.store.admin;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The deliveries an operation acts on: rows an operator ticked, or the whole result of a filter (not only the
 * page on screen).
 */
public sealed interface Selection {

    /** The queue or subscription the deliveries are in. */
    long queueId();

    /** The filter, for {@link Filtered}; the ids' selection is described by its ids. */
    String describe();

    static Selection ids(long queueId, Collection<Long> deliveryIds) {
        return new Ids(queueId, List.copyOf(deliveryIds));
    }

    static Selection filtered(long queueId, MessageFilter filter) {
        return new Filtered(queueId, filter);
    }

    /** Every delivery of the queue (a purge). */
    static Selection all(long queueId) {
        return new Filtered(queueId, MessageFilter.ALL);
    }

    /** Explicit deliveries of one queue; ids of other queues are ignored. */
    record Ids(long queueId, List<Long> deliveryIds) implements Selection {
        public Ids {
            Objects.requireNonNull(deliveryIds, "deliveryIds");
        }

        @Override
        public String describe() {
            return deliveryIds.size() <= 20 ? "deliveries " + deliveryIds
                    : deliveryIds.size() + " deliveries " + deliveryIds.subList(0, 20) + "...";
        }
    }

    /** Every delivery of the queue that the filter accepts. */
    record Filtered(long queueId, MessageFilter filter) implements Selection {
        public Filtered {
            Objects.requireNonNull(filter, "filter");
        }

        @Override
        public String describe() {
            return filter.describe();
        }
    }
}
