package dev.ferry.jms.engine;

import dev.ferry.jms.message.FerryMessage;
import dev.ferry.jms.message.MessageCodec;
import dev.ferry.jms.selector.MessageSelector;
import dev.ferry.jms.selector.MessageSelectorContext;
import dev.ferry.jms.selector.SelectorContext;
import dev.ferry.store.Delivery;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.FanOutFilter;
import dev.ferry.store.MessageRecord;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store's {@link FanOutFilter}: evaluates subscriptions' message selectors when a message is published, so a
 * subscription holds only what it selects (JMS 3.1 §6.11.1). Parsed selectors are cached by text; a published
 * message is decoded once for all the subscriptions it is tested against.
 */
final class SubscriptionSelectors implements FanOutFilter {

    private static final System.Logger LOG = System.getLogger(SubscriptionSelectors.class.getName());
    /** Bounds the cache; selectors are few in practice, and a full cache is simply cleared. */
    private static final int MAX_CACHED = 10_000;

    private final MessageCodec codec;
    private final Map<String, MessageSelector> parsed = new ConcurrentHashMap<>();
    /** The message last decoded by this thread: fan-out tests one message against each subscription in turn. */
    private final ThreadLocal<Decoded> lastDecoded = new ThreadLocal<>();

    private static final class Decoded {
        final MessageRecord record;
        final SelectorContext context;

        Decoded(MessageRecord record, SelectorContext context) {
            this.record = record;
            this.context = context;
        }
    }

    SubscriptionSelectors(MessageCodec codec) {
        this.codec = codec;
    }

    /** Parses (and checks) a subscription's selector; {@code null} when it selects everything. */
    static String normalise(String selector) throws InvalidSelectorException {
        if (selector == null || selector.trim().isEmpty()) {
            return null;
        }
        MessageSelector.parse(selector);
        return selector;
    }

    @Override
    public boolean accepts(String selector, MessageRecord message) {
        try {
            return selectorOf(selector).matches(contextOf(message));
        } catch (JMSException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "subscription selector '" + selector
                    + "' could not be evaluated for message " + message.messageId() + "; not delivered to it", e);
            return false;
        }
    }

    private MessageSelector selectorOf(String selector) throws InvalidSelectorException {
        MessageSelector cached = parsed.get(selector);
        if (cached == null) {
            cached = MessageSelector.parse(selector);
            if (parsed.size() >= MAX_CACHED) {
                parsed.clear();
            }
            parsed.put(selector, cached);
        }
        return cached;
    }

    private SelectorContext contextOf(MessageRecord record) throws JMSException {
        Decoded decoded = lastDecoded.get();
        if (decoded != null && decoded.record == record) {
            return decoded.context;
        }
        // destination and delivery count play no part in a selector (JMS 3.1 §3.8.1.1)
        FerryMessage message = codec.decode(new Delivery(0, 0, 0, 1, "fan-out", DestinationKind.TOPIC, null, null,
                record));
        SelectorContext context = MessageSelectorContext.of(message);
        lastDecoded.set(new Decoded(record, context));
        return context;
    }
}
