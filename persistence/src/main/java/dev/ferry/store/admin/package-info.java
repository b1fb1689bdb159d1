/**
 * The store seen by an operator (DESIGN.md decision 10): overview counts, keyset-paginated browsing with
 * filters, message detail, and operations (purge, delete, move, replay, export, import, configuration) that are
 * transactional store operations, audited with the operator's name, and announced to consumers through the same
 * wake-up listeners as a send. Obtained from {@link dev.ferry.store.MessageStore#administration()}. Knows
 * nothing of {@code jakarta.jms}: message selectors arrive as a {@link dev.ferry.store.DeliveryFilter} the
 * caller builds, and properties stay the opaque bytes of the messaging layer's codec.
 */
package dev.ferry.store.admin;
