package dev.ferry.store;

/**
 * A named destination as the store knows it.
 *
 * @param id        surrogate key
 * @param name      physical name, unique per kind
 * @param kind      queue or topic
 * @param queueId   for a queue: the id of the delivery queue that holds its messages; for a topic: 0
 * @param temporary whether it lives only as long as the connection that created it
 * @param owner     for a temporary destination: the owning connection's id, else {@code null}
 * @param policy    its delivery rules
 */
public record Destination(long id, String name, DestinationKind kind, long queueId, boolean temporary, String owner,
                          DestinationPolicy policy) {
}
