package dev.ferry.store.admin;

import java.util.Objects;

/**
 * Consumed messages kept by a destination's retention.
 *
 * @param destinationId the destination they were consumed from
 * @param consumedFrom  earliest acknowledgement time (epoch millis, inclusive), or {@code null}
 * @param consumedTo    latest acknowledgement time (exclusive), or {@code null}
 * @param filter        further criteria on the messages (send time, ids, body text, predicate)
 */
public record RetainedSelection(long destinationId, Long consumedFrom, Long consumedTo, MessageFilter filter) {

    public RetainedSelection {
        Objects.requireNonNull(filter, "filter");
    }

    public static RetainedSelection all(long destinationId) {
        return new RetainedSelection(destinationId, null, null, MessageFilter.ALL);
    }

    public String describe() {
        return "consumedFrom=" + consumedFrom + "; consumedTo=" + consumedTo + "; " + filter.describe();
    }
}
