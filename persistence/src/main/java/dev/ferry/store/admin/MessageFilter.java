package dev.ferry.store.admin;

import dev.ferry.store.DeliveryFilter;

/**
 * Which deliveries of a queue an operator means. Every non-null criterion must hold. Header criteria are
 * evaluated by the database; {@code predicate} (a message selector the messaging layer compiled) and
 * {@code bodyContains} are evaluated by the store while it scans in bounded batches.
 *
 * @param predicate      the caller's test of a delivery, e.g. a compiled JMS selector, or {@code null}
 * @param predicateText  how the predicate reads (the selector text), for the audit log; may be {@code null}
 * @param sentFrom       earliest send time (epoch millis, inclusive), or {@code null}
 * @param sentTo         latest send time (epoch millis, exclusive), or {@code null}
 * @param jmsMessageId   exact {@code JMSMessageID}, or {@code null}
 * @param correlationId  exact {@code JMSCorrelationID} (string form), or {@code null}
 * @param bodyContains   text the body contains (compared as UTF-8 bytes: text and bytes bodies), or {@code null}
 * @param deadLettersOnly only deliveries dead-lettered into this queue (they carry an original destination)
 */
public record MessageFilter(DeliveryFilter predicate, String predicateText, Long sentFrom, Long sentTo,
                            String jmsMessageId, String correlationId, String bodyContains,
                            boolean deadLettersOnly) {

    /** Everything in the queue. */
    public static final MessageFilter ALL = new MessageFilter(null, null, null, null, null, null, null, false);

    public MessageFilter {
        if (sentFrom != null && sentTo != null && sentTo < sentFrom) {
            throw new IllegalArgumentException("the time range ends (" + sentTo + ") before it starts (" + sentFrom + ")");
        }
        if (bodyContains != null && bodyContains.isEmpty()) {
            bodyContains = null;
        }
    }

    public MessageFilter withPredicate(DeliveryFilter filter, String text) {
        return new MessageFilter(filter, text, sentFrom, sentTo, jmsMessageId, correlationId, bodyContains,
                deadLettersOnly);
    }

    public MessageFilter withSentBetween(Long from, Long to) {
        return new MessageFilter(predicate, predicateText, from, to, jmsMessageId, correlationId, bodyContains,
                deadLettersOnly);
    }

    public MessageFilter withJmsMessageId(String id) {
        return new MessageFilter(predicate, predicateText, sentFrom, sentTo, id, correlationId, bodyContains,
                deadLettersOnly);
    }

    public MessageFilter withCorrelationId(String id) {
        return new MessageFilter(predicate, predicateText, sentFrom, sentTo, jmsMessageId, id, bodyContains,
                deadLettersOnly);
    }

    public MessageFilter withBodyContaining(String text) {
        return new MessageFilter(predicate, predicateText, sentFrom, sentTo, jmsMessageId, correlationId, text,
                deadLettersOnly);
    }

    public MessageFilter onlyDeadLetters() {
        return new MessageFilter(predicate, predicateText, sentFrom, sentTo, jmsMessageId, correlationId,
                bodyContains, true);
    }

    /** Whether the store must look at rows in Java (predicate or body text), not only in SQL. */
    public boolean needsScan() {
        return predicate != null || bodyContains != null;
    }

    /** The filter as text for the audit log. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        append(text, "selector", predicate == null ? null : predicateText == null ? "(predicate)" : predicateText);
        append(text, "sentFrom", sentFrom);
        append(text, "sentTo", sentTo);
        append(text, "messageId", jmsMessageId);
        append(text, "correlationId", correlationId);
        append(text, "bodyContains", bodyContains);
        if (deadLettersOnly) {
            append(text, "deadLettersOnly", true);
        }
        return text.length() == 0 ? "all" : text.toString();
    }

    private static void append(StringBuilder text, String name, Object value) {
        if (value != null) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(name).append('=').append(value);
        }
    }
}
