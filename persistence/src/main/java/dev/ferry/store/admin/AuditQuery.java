package dev.ferry.store.admin;

/**
 * Which audit records to read, newest first.
 *
 * @param operator    only this operator's, or {@code null}
 * @param operation   only this operation, or {@code null}
 * @param destination only actions on this destination, or {@code null}
 * @param from        at or after (epoch millis), or {@code null}
 * @param to          before, or {@code null}
 * @param beforeId    keyset paging: only records older than this id, or {@code null}
 * @param max         at most this many, 1..1000
 */
public record AuditQuery(String operator, String operation, String destination, Long from, Long to, Long beforeId,
                         int max) {

    public AuditQuery {
        if (max < 1 || max > 1000) {
            throw new IllegalArgumentException("max must be 1..1000, was " + max);
        }
    }

    public static AuditQuery latest(int max) {
        return new AuditQuery(null, null, null, null, null, null, max);
    }
}
