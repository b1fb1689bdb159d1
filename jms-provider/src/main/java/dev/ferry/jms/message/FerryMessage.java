package dev.ferry.jms.message;

import dev.ferry.jms.destination.FerryDestination;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers and properties every Ferry message has (JMS 3.1 §3.4, §3.5); subclasses add a body. A message
 * without a body is a {@link FerryPlainMessage}: this class is abstract so that every concrete message says what
 * body it has.
 *
 * <p>A message created by an application is writable. A message handed out by a consumer has read-only
 * properties (until {@link #clearProperties()}) and a read-only body (until {@link #clearBody()}) (§3.9, §3.10).
 * Header setters are always allowed: the provider sets headers when sending, and applications may too.
 *
 * <p>Not thread-safe, like the session that owns it (§2.14).
 */
public abstract class FerryMessage implements Message {

    /** Provider-set property holding the delivery attempt number on a received message (§3.5.9). */
    public static final String JMSX_DELIVERY_COUNT = "JMSXDeliveryCount";
    /** Client-set property naming the message group (§3.5.9). */
    public static final String JMSX_GROUP_ID = "JMSXGroupID";
    /** Client-set property giving the message's position in its group (§3.5.9). */
    public static final String JMSX_GROUP_SEQ = "JMSXGroupSeq";

    private String messageId;
    private long timestamp;
    private String correlationId;
    private byte[] correlationIdBytes;
    private FerryDestination replyTo;
    private Destination destination;
    private int deliveryMode = Message.DEFAULT_DELIVERY_MODE;
    private boolean redelivered;
    private String type;
    private long expiration;
    private long deliveryTime;
    private int priority = Message.DEFAULT_PRIORITY;

    /** Insertion-ordered so that enumeration and the stored form follow the order the application used. */
    private Map<String, Object> properties;
    private boolean propertiesReadOnly;
    private boolean bodyReadOnly;

    private Acknowledger acknowledger;

    protected FerryMessage() {
    }

    /** The kind of body this message carries. */
    public abstract BodyType bodyType();

    // ---- headers (JMS 3.1 §3.4) ---------------------------------------------------------------------------

    @Override
    public String getJMSMessageID() {
        return messageId;
    }

    @Override
    public void setJMSMessageID(String id) {
        this.messageId = id;
    }

    @Override
    public long getJMSTimestamp() {
        return timestamp;
    }

    @Override
    public void setJMSTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    /**
     * Ferry keeps a correlation id either as a String or as bytes, whichever was set last. When it was set as
     * bytes, this returns them decoded as UTF-8 so that selectors and logs still see a value.
     */
    @Override
    public String getJMSCorrelationID() {
        if (correlationIdBytes != null) {
            return new String(correlationIdBytes, StandardCharsets.UTF_8);
        }
        return correlationId;
    }

    @Override
    public void setJMSCorrelationID(String correlationId) {
        this.correlationId = correlationId;
        this.correlationIdBytes = null;
    }

    /** A copy of the bytes set; when the id was set as a String, its UTF-8 encoding. */
    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        if (correlationIdBytes != null) {
            return correlationIdBytes.clone();
        }
        return correlationId == null ? null : correlationId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void setJMSCorrelationIDAsBytes(byte[] correlationId) {
        this.correlationIdBytes = correlationId == null ? null : correlationId.clone();
        this.correlationId = null;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    /** Another provider's queue or topic is converted by name (see {@link FerryDestination#from}). */
    @Override
    public void setJMSReplyTo(Destination replyTo) throws JMSException {
        this.replyTo = replyTo == null ? null : FerryDestination.from(replyTo);
    }

    @Override
    public Destination getJMSDestination() {
        return destination;
    }

    @Override
    public void setJMSDestination(Destination destination) {
        this.destination = destination;
    }

    @Override
    public int getJMSDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public void setJMSDeliveryMode(int deliveryMode) throws JMSException {
        if (deliveryMode != DeliveryMode.PERSISTENT && deliveryMode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("JMSDeliveryMode must be DeliveryMode.PERSISTENT (2) or NON_PERSISTENT (1), was "
                    + deliveryMode);
        }
        this.deliveryMode = deliveryMode;
    }

    @Override
    public boolean getJMSRedelivered() {
        return redelivered;
    }

    @Override
    public void setJMSRedelivered(boolean redelivered) {
        this.redelivered = redelivered;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public void setJMSType(String type) {
        this.type = type;
    }

    @Override
    public long getJMSExpiration() {
        return expiration;
    }

    @Override
    public void setJMSExpiration(long expiration) {
        this.expiration = expiration;
    }

    @Override
    public long getJMSDeliveryTime() {
        return deliveryTime;
    }

    @Override
    public void setJMSDeliveryTime(long deliveryTime) {
        this.deliveryTime = deliveryTime;
    }

    @Override
    public int getJMSPriority() {
        return priority;
    }

    @Override
    public void setJMSPriority(int priority) throws JMSException {
        if (priority < 0 || priority > 9) {
            throw new JMSException("JMSPriority must be 0..9, was " + priority);
        }
        this.priority = priority;
    }

    // ---- properties (JMS 3.1 §3.5) ------------------------------------------------------------------------

    @Override
    public void clearProperties() {
        properties = null;
        propertiesReadOnly = false;
    }

    @Override
    public boolean propertyExists(String name) {
        return properties != null && properties.containsKey(name);
    }

    @Override
    public boolean getBooleanProperty(String name) throws JMSException {
        return TypeConversions.toBoolean(property(name), describeProperty(name));
    }

    @Override
    public byte getByteProperty(String name) throws JMSException {
        return TypeConversions.toByte(property(name), describeProperty(name));
    }

    @Override
    public short getShortProperty(String name) throws JMSException {
        return TypeConversions.toShort(property(name), describeProperty(name));
    }

    @Override
    public int getIntProperty(String name) throws JMSException {
        return TypeConversions.toInt(property(name), describeProperty(name));
    }

    @Override
    public long getLongProperty(String name) throws JMSException {
        return TypeConversions.toLong(property(name), describeProperty(name));
    }

    @Override
    public float getFloatProperty(String name) throws JMSException {
        return TypeConversions.toFloat(property(name), describeProperty(name));
    }

    @Override
    public double getDoubleProperty(String name) throws JMSException {
        return TypeConversions.toDouble(property(name), describeProperty(name));
    }

    @Override
    public String getStringProperty(String name) throws JMSException {
        return TypeConversions.toStringValue(property(name), describeProperty(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return property(name);
    }

    /** Application and JMSX property names, in the order they were set; never header names (§3.5.1). */
    @Override
    public Enumeration<String> getPropertyNames() {
        return properties == null ? Collections.emptyEnumeration()
                : Collections.enumeration(new ArrayList<>(properties.keySet()));
    }

    @Override
    public void setBooleanProperty(String name, boolean value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setByteProperty(String name, byte value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setShortProperty(String name, short value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setIntProperty(String name, int value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setLongProperty(String name, long value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setFloatProperty(String name, float value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setDoubleProperty(String name, double value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setStringProperty(String name, String value) throws JMSException {
        putProperty(name, value);
    }

    /** Accepts only the boxed primitives except Character, String, and null (§3.5.4). */
    @Override
    public void setObjectProperty(String name, Object value) throws JMSException {
        if (!TypeConversions.isPropertyValue(value)) {
            checkPropertyName(name);
            throw new MessageFormatException("property '" + name + "' cannot hold a " + value.getClass().getName()
                    + "; properties are boolean, byte, short, int, long, float, double or String");
        }
        putProperty(name, value);
    }

    private Object property(String name) {
        return properties == null ? null : properties.get(name);
    }

    private void putProperty(String name, Object value) throws MessageNotWriteableException {
        checkPropertyName(name);
        if (propertiesReadOnly) {
            throw new MessageNotWriteableException("the properties of a received message are read-only; call "
                    + "clearProperties() before setting property '" + name + "'");
        }
        if (properties == null) {
            properties = new LinkedHashMap<>();
        }
        properties.put(name, value);
    }

    private static String describeProperty(String name) {
        return "property '" + name + "'";
    }

    /**
     * Property names follow the selector identifier rules (§3.8.1.1): a Java identifier that is not one of the
     * selector's literals or operators, which are case-insensitive. Null and empty names are an
     * {@link IllegalArgumentException} as the {@code Message} API says; so is any other invalid name, the
     * argument being wrong in the same way.
     */
    static void checkPropertyName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("property name must not be null or empty");
        }
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            throw new IllegalArgumentException("property name '" + name + "' is not a valid identifier: it must "
                    + "start with a letter, '_' or '$'");
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                throw new IllegalArgumentException("property name '" + name + "' is not a valid identifier: "
                        + "character '" + name.charAt(i) + "' at index " + i + " is not a letter or digit");
            }
        }
        if (name.length() >= 2 && name.length() <= 7 && isSelectorKeyword(name)) {
            throw new IllegalArgumentException("property name '" + name + "' is a reserved word of the message "
                    + "selector syntax (NULL, TRUE, FALSE, NOT, AND, OR, BETWEEN, LIKE, IN, IS, ESCAPE)");
        }
    }

    private static boolean isSelectorKeyword(String name) {
        switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "NULL":
            case "TRUE":
            case "FALSE":
            case "NOT":
            case "AND":
            case "OR":
            case "BETWEEN":
            case "LIKE":
            case "IN":
            case "IS":
            case "ESCAPE":
                return true;
            default:
                return false;
        }
    }

    // ---- acknowledgement ----------------------------------------------------------------------------------

    /** Installed by the session on messages it delivers in CLIENT_ACKNOWLEDGE mode. */
    public void setAcknowledger(Acknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    /**
     * Acknowledges through the session that delivered this message; does nothing for a message that is not
     * from a CLIENT_ACKNOWLEDGE session, as the {@code Message.acknowledge()} contract says.
     */
    @Override
    public void acknowledge() throws JMSException {
        Acknowledger current = acknowledger;
        if (current != null) {
            current.acknowledge();
        }
    }

    // ---- body ---------------------------------------------------------------------------------------------

    /** Empties the body and makes it writable again (§3.11.1). */
    @Override
    public void clearBody() throws JMSException {
        clearBodyContent();
        bodyReadOnly = false;
    }

    /** Removes the body's content; the read/write mode is handled by the caller. */
    abstract void clearBodyContent();

    /**
     * The body as {@link #getBody(Class)} would hand it out, or {@code null} when the message has no body
     * (the spec's "no body" case, where any type may be asked for).
     */
    abstract Object bodyForAssignment() throws JMSException;

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        Object body = bodyForAssignment();
        if (body == null) {
            return null;
        }
        if (c == null || !c.isInstance(body)) {
            throw new MessageFormatException("the body of this " + getClass().getSimpleName() + " is a "
                    + body.getClass().getName() + " and cannot be assigned to " + (c == null ? "null" : c.getName()));
        }
        return c.cast(body);
    }

    @SuppressWarnings("rawtypes")
    @Override
    public boolean isBodyAssignableTo(Class c) throws JMSException {
        Object body = bodyForAssignment();
        return body == null || (c != null && c.isInstance(body));
    }

    boolean isBodyReadOnly() {
        return bodyReadOnly;
    }

    void setBodyReadOnly(boolean readOnly) {
        this.bodyReadOnly = readOnly;
    }

    void checkBodyWritable() throws MessageNotWriteableException {
        if (bodyReadOnly) {
            throw new MessageNotWriteableException("the body of this " + getClass().getSimpleName()
                    + " is read-only; call clearBody() before writing to it");
        }
    }

    /** For bytes and stream messages, whose bodies are written first, then read after {@code reset()}. */
    void checkBodyReadable() throws MessageNotReadableException {
        if (!bodyReadOnly) {
            throw new MessageNotReadableException("the body of this " + getClass().getSimpleName()
                    + " is in write-only mode; call reset() before reading it");
        }
    }

    // ---- codec access -------------------------------------------------------------------------------------

    /** The live property map, or {@code null} when there are none; for the codec's hot path. */
    Map<String, Object> propertyMap() {
        return properties;
    }

    /** Sets a property without any check; the codec uses it for stored, already valid properties. */
    void putStoredProperty(String name, Object value) {
        if (properties == null) {
            properties = new LinkedHashMap<>();
        }
        properties.put(name, value);
    }

    String correlationIdString() {
        return correlationId;
    }

    byte[] correlationIdBytes() {
        return correlationIdBytes;
    }

    void setCorrelationIdBytesShared(byte[] bytes) {
        this.correlationIdBytes = bytes;
        this.correlationId = null;
    }

    FerryDestination replyToDestination() {
        return replyTo;
    }

    void setReplyToDestination(FerryDestination replyTo) {
        this.replyTo = replyTo;
    }

    void setDeliveryModeUnchecked(int deliveryMode) {
        this.deliveryMode = deliveryMode;
    }

    void setPriorityUnchecked(int priority) {
        this.priority = priority;
    }

    /** Turns a freshly decoded message into a received one: properties and body read-only (§3.9, §3.10). */
    void markReceived() {
        propertiesReadOnly = true;
        bodyReadOnly = true;
    }

    /** A short description of the body for {@link #toString()}, never its content. */
    abstract String bodySummary();

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(96).append(getClass().getSimpleName()).append("[id=").append(messageId);
        if (destination != null) {
            text.append(", destination=").append(destination);
        }
        if (redelivered) {
            text.append(", redelivered");
        }
        String body = bodySummary();
        if (body != null) {
            text.append(", ").append(body);
        }
        return text.append(']').toString();
    }
}
