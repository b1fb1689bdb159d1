package dev.ferry.jms.selector;

/**
 * The header fields a selector may reference: §3.8.1.1 restricts header field references to these six. The
 * other headers (JMSDestination, JMSReplyTo, JMSRedelivered, JMSExpiration, JMSDeliveryTime) are refused by the
 * parser rather than read as an always-NULL property, which would silently select nothing.
 */
public enum SelectorHeader {
    /** A string in a selector: {@code 'PERSISTENT'} or {@code 'NON_PERSISTENT'} (§3.8.1.3). */
    JMS_DELIVERY_MODE("JMSDeliveryMode", false),
    JMS_PRIORITY("JMSPriority", true),
    JMS_MESSAGE_ID("JMSMessageID", false),
    /** Milliseconds since the epoch, like every date in a selector (§3.8.1.3). */
    JMS_TIMESTAMP("JMSTimestamp", true),
    JMS_CORRELATION_ID("JMSCorrelationID", false),
    JMS_TYPE("JMSType", false);

    /** The value a selector sees for {@code DeliveryMode.PERSISTENT}. */
    public static final String PERSISTENT = "PERSISTENT";
    /** The value a selector sees for {@code DeliveryMode.NON_PERSISTENT}. */
    public static final String NON_PERSISTENT = "NON_PERSISTENT";

    private final String identifier;
    private final boolean numeric;

    SelectorHeader(String identifier, boolean numeric) {
        this.identifier = identifier;
        this.numeric = numeric;
    }

    /** The case-sensitive name a selector uses for this header. */
    public String identifier() {
        return identifier;
    }

    /** True for JMSPriority and JMSTimestamp, false for the string-valued headers. */
    public boolean isNumeric() {
        return numeric;
    }

    /** The header with this exact identifier, or null if the identifier names a property. */
    public static SelectorHeader forIdentifier(String identifier) {
        switch (identifier) {
            case "JMSDeliveryMode":
                return JMS_DELIVERY_MODE;
            case "JMSPriority":
                return JMS_PRIORITY;
            case "JMSMessageID":
                return JMS_MESSAGE_ID;
            case "JMSTimestamp":
                return JMS_TIMESTAMP;
            case "JMSCorrelationID":
                return JMS_CORRELATION_ID;
            case "JMSType":
                return JMS_TYPE;
            default:
                return null;
        }
    }

    /** True for the headers §3.8.1.1 leaves out of selectors; a selector naming one of them is invalid. */
    static boolean isUnselectableHeader(String identifier) {
        switch (identifier) {
            case "JMSDestination":
            case "JMSReplyTo":
            case "JMSRedelivered":
            case "JMSExpiration":
            case "JMSDeliveryTime":
                return true;
            default:
                return false;
        }
    }
}
