package dev.ferry.console.services;

import dev.ferry.jms.selector.MessageSelector;
import dev.ferry.store.admin.MessageFilter;
import jakarta.jms.InvalidSelectorException;

import java.io.Serializable;
import java.time.Instant;

/**
 * What an operator typed into the message browser's filter bar. {@link #toStoreFilter} checks the selector with
 * the provider's own parser, so the console accepts exactly the selectors consumers accept, and reports a syntax
 * error with its column ({@link dev.ferry.jms.selector.SelectorSyntaxException}).
 *
 * @param selector        JMS message selector, or blank for all
 * @param sentFrom        earliest send time, or {@code null}
 * @param sentTo          latest send time (exclusive), or {@code null}
 * @param messageId       exact {@code JMSMessageID}, or blank
 * @param correlationId   exact {@code JMSCorrelationID}, or blank
 * @param bodyText        text the body contains, or blank
 * @param deadLettersOnly only messages dead-lettered into the queue
 */
public record FilterCriteria(String selector, Instant sentFrom, Instant sentTo, String messageId,
                             String correlationId, String bodyText, boolean deadLettersOnly) implements Serializable {

    public static final FilterCriteria NONE = new FilterCriteria(null, null, null, null, null, null, false);

    public static FilterCriteria selector(String selector) {
        return new FilterCriteria(selector, null, null, null, null, null, false);
    }

    public MessageFilter toStoreFilter(MessageInspector inspector) throws InvalidSelectorException {
        MessageFilter filter = new MessageFilter(null, null,
                sentFrom == null ? null : sentFrom.toEpochMilli(), sentTo == null ? null : sentTo.toEpochMilli(),
                blankToNull(messageId), blankToNull(correlationId), blankToNull(bodyText), false);
        if (selector != null && !selector.isBlank()) {
            MessageSelector parsed = MessageSelector.parse(selector.strip());
            if (!parsed.selectsAll()) {
                filter = filter.withPredicate(new SelectorPredicate(parsed, inspector), parsed.text());
            }
        }
        return deadLettersOnly ? filter.onlyDeadLetters() : filter;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
