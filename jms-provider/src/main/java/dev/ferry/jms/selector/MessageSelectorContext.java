package dev.ferry.jms.selector;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import java.util.Objects;

/** Reads selector identifiers from a {@code jakarta.jms.Message}, Ferry's own or a foreign one. */
public final class MessageSelectorContext {

    private MessageSelectorContext() {
    }

    /**
     * A context over the message's header fields and properties: the six selectable headers by their
     * identifiers (JMSDeliveryMode as {@code "PERSISTENT"} or {@code "NON_PERSISTENT"}, §3.8.1.3) and every other
     * name through {@link Message#getObjectProperty}, which returns null for an absent property.
     *
     * @throws JMSRuntimeException from {@code value} if the message cannot be read; a message whose values
     *                             cannot be read cannot be judged either way
     */
    public static SelectorContext of(Message message) {
        Objects.requireNonNull(message, "message");
        return identifier -> {
            try {
                return read(message, identifier);
            } catch (JMSException unreadable) {
                JMSRuntimeException failure = new JMSRuntimeException("cannot read '" + identifier
                        + "' of a message for its selector: " + unreadable.getMessage(), unreadable.getErrorCode(),
                        unreadable);
                throw failure;
            }
        };
    }

    private static Object read(Message message, String identifier) throws JMSException {
        SelectorHeader header = SelectorHeader.forIdentifier(identifier);
        if (header == null) {
            return message.getObjectProperty(identifier);
        }
        switch (header) {
            case JMS_DELIVERY_MODE:
                return deliveryMode(message.getJMSDeliveryMode());
            case JMS_PRIORITY:
                return message.getJMSPriority();
            case JMS_MESSAGE_ID:
                return message.getJMSMessageID();
            case JMS_TIMESTAMP:
                return message.getJMSTimestamp();
            case JMS_CORRELATION_ID:
                return message.getJMSCorrelationID();
            default:
                return message.getJMSType();
        }
    }

    /** A delivery mode that is neither of the two (a foreign message not yet sent) is NULL. */
    private static String deliveryMode(int deliveryMode) {
        if (deliveryMode == DeliveryMode.PERSISTENT) {
            return SelectorHeader.PERSISTENT;
        }
        return deliveryMode == DeliveryMode.NON_PERSISTENT ? SelectorHeader.NON_PERSISTENT : null;
    }
}
