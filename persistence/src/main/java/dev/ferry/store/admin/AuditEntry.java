package dev.ferry.store.admin;

/**
 * One operator action.
 *
 * @param id          increasing id
 * @param at          epoch millis when it started
 * @param operator    who
 * @param operation   what, e.g. "purge", "move", "replay-dead-letters", "configure"
 * @param destination the destination or queue acted on
 * @param filter      the selection, as text
 * @param count       deliveries touched (written when a bulk operation ends; -1 while it runs)
 * @param outcome     "running", "completed", "cancelled" or "failed: ..."
 * @param detail      anything else: target, options, the original of an edited message (JSON)
 */
public record AuditEntry(long id, long at, String operator, String operation, String destination, String filter,
                         long count, String outcome, String detail) {
}
