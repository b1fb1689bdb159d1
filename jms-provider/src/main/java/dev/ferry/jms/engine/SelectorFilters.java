package dev.ferry.jms.engine;

import dev.ferry.jms.message.MessageCodec;
import dev.ferry.jms.selector.MessageSelector;
import dev.ferry.store.DeliveryFilter;
import jakarta.jms.InvalidSelectorException;

/**
 * Message selectors for tools that work on the store directly, such as the admin console's browse, count and
 * bulk operations ({@code dev.ferry.store.admin.MessageFilter#withPredicate}): the same parser and evaluation as
 * a consumer's selector (JMS 3.1 §3.8).
 */
public final class SelectorFilters {

    private SelectorFilters() {
    }

    /**
     * The selector as a store filter. A message whose stored form cannot be decoded is accepted (it is shown, and
     * an operator can remove it).
     *
     * @throws InvalidSelectorException with the position of a syntax error
     */
    public static DeliveryFilter compile(String selector, MessageCodec codec) throws InvalidSelectorException {
        return new SelectorFilter(MessageSelector.parse(selector), codec);
    }
}
