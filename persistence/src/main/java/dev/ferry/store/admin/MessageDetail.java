package dev.ferry.store.admin;

import dev.ferry.store.Delivery;

/**
 * Everything about one delivery. Properties and body are the messaging layer's encoded bytes
 * ({@code delivery().message().properties()}, {@code body()}, {@code bodyType()}): the console decodes them with
 * the provider's {@code dev.ferry.jms.message.MessageCodec}, the only owner of that encoding, and never
 * deserializes an object body.
 *
 * @param delivery       the delivery with its message, original destination and failure reason
 * @param queueName      name of the queue (or topic, for a subscription) holding it
 * @param state          ready, scheduled, in flight or expired
 * @param readyAt        when it can be delivered
 * @param expiresAt      when it expires, 0 for never
 * @param leaseOwner     node holding it in flight, else {@code null}
 * @param leaseExpiresAt when that lease runs out, 0 when not leased
 * @param replayCount    times an operator replayed it
 * @param lastReplayedAt epoch millis of the last replay, 0 if never
 * @param lastReplayedBy operator of the last replay, else {@code null}
 */
public record MessageDetail(Delivery delivery, String queueName, DeliveryState state, long readyAt, long expiresAt,
                            String leaseOwner, long leaseExpiresAt, int replayCount, long lastReplayedAt,
                            String lastReplayedBy) {
}
