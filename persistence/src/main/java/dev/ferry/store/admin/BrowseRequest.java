package dev.ferry.store.admin;

/**
 * One page to browse.
 *
 * @param queueId    the queue or subscription
 * @param filter     which deliveries; {@link MessageFilter#ALL} for all
 * @param sort       the order
 * @param descending whether the order is reversed (newest, or lowest priority, first)
 * @param after      for the page after a page: its {@link MessagePage#next()} cursor; {@code null} with
 *                   {@code before} {@code null} for the first page
 * @param before     for the page before a page: its {@link MessagePage#previous()} cursor
 * @param pageSize   rows per page, 1..1000
 * @param scanLimit  most rows looked at for one page when the filter needs a scan (predicate or body text)
 */
public record BrowseRequest(long queueId, MessageFilter filter, SortColumn sort, boolean descending,
                            PageCursor after, PageCursor before, int pageSize, int scanLimit) {

    public static final int DEFAULT_SCAN_LIMIT = 100_000;

    public BrowseRequest {
        if (filter == null) {
            filter = MessageFilter.ALL;
        }
        if (sort == null) {
            sort = SortColumn.SEND_ORDER;
        }
        if (after != null && before != null) {
            throw new IllegalArgumentException("a page is either after or before a cursor, not both");
        }
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be 1..1000, was " + pageSize);
        }
        if (scanLimit < pageSize) {
            throw new IllegalArgumentException("scan limit must be at least the page size, was " + scanLimit);
        }
    }

    /** The first page of a queue in arrival order. */
    public static BrowseRequest firstPage(long queueId, int pageSize) {
        return new BrowseRequest(queueId, MessageFilter.ALL, SortColumn.SEND_ORDER, false, null, null, pageSize,
                DEFAULT_SCAN_LIMIT);
    }

    public BrowseRequest withFilter(MessageFilter newFilter) {
        return new BrowseRequest(queueId, newFilter, sort, descending, after, before, pageSize, scanLimit);
    }

    public BrowseRequest sortedBy(SortColumn column, boolean reversed) {
        return new BrowseRequest(queueId, filter, column, reversed, null, null, pageSize, scanLimit);
    }

    public BrowseRequest after(PageCursor cursor) {
        return new BrowseRequest(queueId, filter, sort, descending, cursor, null, pageSize, scanLimit);
    }

    public BrowseRequest before(PageCursor cursor) {
        return new BrowseRequest(queueId, filter, sort, descending, null, cursor, pageSize, scanLimit);
    }
}
