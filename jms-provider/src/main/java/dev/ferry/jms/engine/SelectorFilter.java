package dev.ferry.jms.engine;

import dev.ferry.jms.message.MessageCodec;
import dev.ferry.jms.selector.MessageSelector;
import dev.ferry.jms.selector.MessageSelectorContext;
import dev.ferry.store.Delivery;
import dev.ferry.store.DeliveryFilter;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;

/**
 * A consumer's message selector (JMS 3.1 §3.8) as the store's {@link DeliveryFilter}: decodes the stored
 * headers and properties with the codec and evaluates the selector on them, as the message would be delivered.
 */
final class SelectorFilter implements DeliveryFilter {

    private final MessageSelector selector;
    private final MessageCodec codec;

    SelectorFilter(MessageSelector selector, MessageCodec codec) {
        this.selector = selector;
        this.codec = codec;
    }

    MessageSelector selector() {
        return selector;
    }

    /**
     * A message that cannot be decoded is accepted: the consumer's delivery path then dead-letters it with the
     * reason, instead of leaving it unreadable in the queue forever.
     */
    @Override
    public boolean accepts(Delivery candidate) {
        try {
            return selector.matches(MessageSelectorContext.of(codec.decode(candidate)));
        } catch (JMSException | JMSRuntimeException unreadable) {
            return true;
        }
    }

    @Override
    public String toString() {
        return "SelectorFilter[" + selector.text() + "]";
    }
}
