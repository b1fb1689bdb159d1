package dev.ferry.store.admin;

/**
 * Orders a browse can use. Each is a keyset over an index of V7 ({@code (queue_id, id)} and
 * {@code (queue_id, priority, id)}), so a page costs the same on the first and on the millionth message. Send
 * time and JMSMessageID are columns of the message, not of the delivery: ordering a queue by them would sort the
 * whole queue for every page, so they are filters, not orders; arrival order is send order within a JVM.
 */
public enum SortColumn {
    /** Delivery id: the order messages arrived in the queue (ids come in blocks per JVM, so across JVMs roughly). */
    SEND_ORDER,
    /** Priority, then arrival. */
    PRIORITY
}
