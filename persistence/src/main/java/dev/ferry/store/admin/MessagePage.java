package dev.ferry.store.admin;

import java.util.List;

/**
 * One page of a browse, in the request's order.
 *
 * @param messages       the rows
 * @param previous       cursor for the page before ({@link BrowseRequest#before}), {@code null} on the first page
 * @param next           cursor for the page after ({@link BrowseRequest#after}), {@code null} on the last page
 * @param scanned        rows the store looked at to fill the page
 * @param scanLimitReached whether the scan stopped at the request's scan limit before the page was full: more
 *                       matches may follow {@code next}
 */
public record MessagePage(List<MessageSummary> messages, PageCursor previous, PageCursor next, long scanned,
                          boolean scanLimitReached) {
}
