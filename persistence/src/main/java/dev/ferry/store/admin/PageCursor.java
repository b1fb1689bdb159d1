package dev.ferry.store.admin;

/**
 * A position between two rows of a browse: the sort key and delivery id of the boundary row. Opaque to the
 * caller: take it from a {@link MessagePage} and hand it back in the next {@link BrowseRequest}.
 *
 * @param key        the boundary row's value of the sort column (delivery id or priority)
 * @param deliveryId the boundary row's delivery id (tie-breaker)
 */
public record PageCursor(long key, long deliveryId) {
}
