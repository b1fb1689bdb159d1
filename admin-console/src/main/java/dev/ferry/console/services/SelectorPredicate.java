package dev.ferry.console.services;

import dev.ferry.jms.selector.MessageSelector;
import dev.ferry.jms.selector.MessageSelectorContext;
import dev.ferry.store.Delivery;
import dev.ferry.store.DeliveryFilter;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;

/**
 * A JMS message selector as the store's {@link DeliveryFilter}, for browsing and for the operations on a filter
 * result: the stored message is decoded with the provider's codec and judged exactly as a consumer's selector
 * would judge it. Unlike a consumer, an operator's filter leaves out a message it cannot read, so that a filtered
 * purge never sweeps up what nobody could check.
 */
final class SelectorPredicate implements DeliveryFilter {

    private final MessageSelector selector;
    private final MessageInspector inspector;

    SelectorPredicate(MessageSelector selector, MessageInspector inspector) {
        this.selector = selector;
        this.inspector = inspector;
    }

    @Override
    public boolean accepts(Delivery candidate) {
        try {
            return selector.matches(MessageSelectorContext.of(inspector.decode(candidate)));
        } catch (JMSException | JMSRuntimeException unreadable) {
            return false;
        }
    }

    @Override
    public String toString() {
        return selector.text();
    }
}
