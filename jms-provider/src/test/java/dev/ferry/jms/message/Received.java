package dev.ferry.jms.message;

import dev.ferry.store.Delivery;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageRecord;
import jakarta.jms.JMSException;

/** Sends a message through the codec and back, as a consumer would receive it. */
final class Received {

    static final MessageCodec CODEC = new MessageCodec(ObjectMessageAllowList.defaults());

    private Received() {
    }

    /** The message as received from queue {@code orders} on its first delivery. */
    @SuppressWarnings("unchecked")
    static <M extends FerryMessage> M copyOf(M sent) throws JMSException {
        return (M) CODEC.decode(delivery(CODEC.encode(sent), 1));
    }

    static Delivery delivery(MessageRecord record, int deliveryCount) {
        return new Delivery(11, 22, 33, deliveryCount, "orders", DestinationKind.QUEUE, null, null, record);
    }
}
