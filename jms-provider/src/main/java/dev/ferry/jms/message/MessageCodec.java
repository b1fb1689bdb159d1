package dev.ferry.jms.message;

import dev.ferry.jms.destination.FerryDestination;
import dev.ferry.jms.destination.FerryQueue;
import dev.ferry.jms.destination.FerryTemporaryQueue;
import dev.ferry.jms.destination.FerryTemporaryTopic;
import dev.ferry.jms.destination.FerryTopic;
import dev.ferry.jms.support.JmsExceptions;
import dev.ferry.store.Delivery;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageRecord;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one owner of a message's stored form ({@link MessageRecord}): headers as columns, properties and body as
 * bytes in the layouts below. Stored data outlives releases, so every layout starts with a format version.
 *
 * <ul>
 *   <li>Properties: empty when there are none, else version 1, a varint count, then per property its name
 *       ({@link BinaryWriter#writeString}) and a tagged value. {@code JMSXDeliveryCount} is not stored: the
 *       delivery supplies it.</li>
 *   <li>Tagged value: one tag byte ({@code null, false, true, byte, short, char, int, long, float, double,
 *       String, byte[]}) and the value; floats and doubles as raw bits, so NaN payloads and -0.0 survive.</li>
 *   <li>Text body: UTF-8; {@code null} text is no body. A text with an unpaired surrogate (not valid UTF-16,
 *       so not representable in UTF-8) is stored as byte {@code 0xFF} (never in UTF-8) followed by the
 *       char-by-char form of {@link BinaryWriter#writeString}.</li>
 *   <li>Bytes body: the bytes. Object body: the Java serialization bytes; {@code null} object is no body.</li>
 *   <li>Map body: version 1, varint count, (name, tagged value) pairs. Stream body: version 1, varint count,
 *       tagged values.</li>
 * </ul>
 * Thread-safe.
 */
public final class MessageCodec {

    private static final int FORMAT_VERSION = 1;
    private static final byte[] NO_PROPERTIES = new byte[0];
    /** Marks a text body that is not valid UTF-16 and therefore not stored as UTF-8 (0xFF never occurs in UTF-8). */
    private static final int RAW_TEXT_MARKER = 0xFF;
    /** Temporary destinations are named this way by their connection ({@code "TQ-"}/{@code "TT-"} and a UUID). */
    private static final int TEMPORARY_NAME_LENGTH = 3 + 36;

    private static final int TAG_NULL = 0;
    private static final int TAG_FALSE = 1;
    private static final int TAG_TRUE = 2;
    private static final int TAG_BYTE = 3;
    private static final int TAG_SHORT = 4;
    private static final int TAG_CHAR = 5;
    private static final int TAG_INT = 6;
    private static final int TAG_LONG = 7;
    private static final int TAG_FLOAT = 8;
    private static final int TAG_DOUBLE = 9;
    private static final int TAG_STRING = 10;
    private static final int TAG_BYTES = 11;

    private final ObjectMessageAllowList allowList;

    public MessageCodec(ObjectMessageAllowList allowList) {
        this.allowList = Objects.requireNonNull(allowList, "allowList");
    }

    public ObjectMessageAllowList allowList() {
        return allowList;
    }

    // ---- encoding -----------------------------------------------------------------------------------------

    /**
     * Stored form of a message whose headers the producer has already set (JMSMessageID, JMSTimestamp,
     * JMSDeliveryMode, JMSPriority, JMSExpiration, JMSDeliveryTime, JMSDestination…). Reads the body whatever
     * the message's read/write mode; JMSXGroupID / JMSXGroupSeq properties go into
     * {@link MessageRecord#groupId()}/{@link MessageRecord#groupSeq()} too.
     */
    public MessageRecord encode(FerryMessage message) throws JMSException {
        Map<String, Object> properties = message.propertyMap();
        String groupId = null;
        int groupSeq = 0;
        if (properties != null) {
            Object group = properties.get(FerryMessage.JMSX_GROUP_ID);
            if (group != null) {
                groupId = TypeConversions.toStringValue(group, "property 'JMSXGroupID'");
            }
            Object seq = properties.get(FerryMessage.JMSX_GROUP_SEQ);
            if (seq != null) {
                try {
                    groupSeq = TypeConversions.toInt(seq, "property 'JMSXGroupSeq'");
                } catch (NumberFormatException e) {
                    throw JmsExceptions.withCause(new MessageFormatException("property 'JMSXGroupSeq' must be an int: "
                            + e.getMessage()), e);
                }
            }
        }
        FerryDestination replyTo = message.replyToDestination();
        int priority = message.getJMSPriority();
        if (priority < 0 || priority > 9) {
            throw new MessageFormatException("JMSPriority must be 0..9, was " + priority);
        }
        return new MessageRecord(
                message.getJMSMessageID(),
                message.getJMSTimestamp(),
                message.correlationIdString(),
                message.correlationIdBytes() == null ? null : message.correlationIdBytes().clone(),
                replyTo == null ? null : replyTo.encode(),
                message.getJMSType(),
                message.getJMSDeliveryMode() == DeliveryMode.PERSISTENT,
                priority,
                message.getJMSExpiration(),
                message.getJMSDeliveryTime(),
                groupId,
                groupSeq,
                message.bodyType().code(),
                encodeProperties(properties),
                encodeBody(message));
    }

    static byte[] encodeProperties(Map<String, Object> properties) {
        if (properties == null || properties.isEmpty()) {
            return NO_PROPERTIES;
        }
        int count = properties.size() - (properties.containsKey(FerryMessage.JMSX_DELIVERY_COUNT) ? 1 : 0);
        if (count == 0) {
            return NO_PROPERTIES;
        }
        BinaryWriter out = new BinaryWriter(16 + count * 24);
        out.writeByte(FORMAT_VERSION);
        out.writeVarInt(count);
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            String name = property.getKey();
            if (!FerryMessage.JMSX_DELIVERY_COUNT.equals(name)) {
                out.writeString(name);
                writeValue(out, property.getValue());
            }
        }
        return out.toByteArray();
    }

    private static byte[] encodeBody(FerryMessage message) throws JMSException {
        switch (message.bodyType()) {
            case PLAIN:
                return null;
            case TEXT:
                return encodeText(((FerryTextMessage) message).getText());
            case BYTES:
                return ((FerryBytesMessage) message).content();
            case MAP:
                return encodeMap(((FerryMapMessage) message).entries());
            case STREAM:
                return encodeStream(((FerryStreamMessage) message).fields());
            case OBJECT:
                // replaced, never modified, by setObject: safe to share with the record
                return ((FerryObjectMessage) message).serializedForm();
            default:
                throw new IllegalStateException("unhandled body type " + message.bodyType());
        }
    }

    static byte[] encodeText(String text) {
        if (text == null) {
            return null;
        }
        if (isValidUtf16(text)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        BinaryWriter out = new BinaryWriter(text.length() * 3 + 6);
        out.writeByte(RAW_TEXT_MARKER);
        out.writeString(text);
        return out.toByteArray();
    }

    private static boolean isValidUtf16(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    static byte[] encodeMap(Map<String, Object> entries) {
        BinaryWriter out = new BinaryWriter(16 + entries.size() * 24);
        out.writeByte(FORMAT_VERSION);
        out.writeVarInt(entries.size());
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            out.writeString(entry.getKey());
            writeValue(out, entry.getValue());
        }
        return out.toByteArray();
    }

    static byte[] encodeStream(List<Object> fields) {
        BinaryWriter out = new BinaryWriter(16 + fields.size() * 16);
        out.writeByte(FORMAT_VERSION);
        out.writeVarInt(fields.size());
        for (Object field : fields) {
            writeValue(out, field);
        }
        return out.toByteArray();
    }

    private static void writeValue(BinaryWriter out, Object value) {
        if (value == null) {
            out.writeByte(TAG_NULL);
        } else if (value instanceof String) {
            out.writeByte(TAG_STRING);
            out.writeString((String) value);
        } else if (value instanceof Integer) {
            out.writeByte(TAG_INT);
            out.writeInt((Integer) value);
        } else if (value instanceof Long) {
            out.writeByte(TAG_LONG);
            out.writeLong((Long) value);
        } else if (value instanceof Boolean) {
            out.writeByte((Boolean) value ? TAG_TRUE : TAG_FALSE);
        } else if (value instanceof Double) {
            out.writeByte(TAG_DOUBLE);
            out.writeLong(Double.doubleToRawLongBits((Double) value));
        } else if (value instanceof Float) {
            out.writeByte(TAG_FLOAT);
            out.writeInt(Float.floatToRawIntBits((Float) value));
        } else if (value instanceof Short) {
            out.writeByte(TAG_SHORT);
            out.writeShort((Short) value);
        } else if (value instanceof Byte) {
            out.writeByte(TAG_BYTE);
            out.writeByte((Byte) value);
        } else if (value instanceof Character) {
            out.writeByte(TAG_CHAR);
            out.writeShort((Character) value);
        } else if (value instanceof byte[]) {
            out.writeByte(TAG_BYTES);
            out.writeBytes((byte[]) value);
        } else {
            // the message classes admit no other type; reaching this is a bug, not bad input
            throw new IllegalStateException("cannot encode a value of type " + value.getClass().getName());
        }
    }

    // ---- decoding -----------------------------------------------------------------------------------------

    /**
     * A received message: all headers restored, JMSDestination from the delivery's destination, JMSRedelivered
     * and JMSXDeliveryCount from its delivery count; body and properties read-only.
     */
    public FerryMessage decode(Delivery delivery) throws JMSException {
        MessageRecord record = delivery.message();
        FerryMessage message = decodeBody(record);
        message.setJMSMessageID(record.messageId());
        message.setJMSTimestamp(record.timestamp());
        if (record.correlationIdBytes() != null) {
            message.setCorrelationIdBytesShared(record.correlationIdBytes().clone());
        } else {
            message.setJMSCorrelationID(record.correlationId());
        }
        try {
            message.setReplyToDestination(FerryDestination.decode(record.replyTo()));
        } catch (IllegalArgumentException e) {
            throw JmsExceptions.withCause(new MessageFormatException("stored reply-to of message "
                    + record.messageId() + " cannot be read: " + e.getMessage()), e);
        }
        message.setJMSType(record.type());
        message.setDeliveryModeUnchecked(record.persistent() ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
        message.setPriorityUnchecked(record.priority());
        message.setJMSExpiration(record.expiration());
        message.setJMSDeliveryTime(record.deliveryTime());
        message.setJMSDestination(destinationOf(delivery.destinationName(), delivery.destinationKind()));
        message.setJMSRedelivered(delivery.redelivered());
        decodeProperties(record.properties(), message);
        if (record.groupId() != null && !message.propertyExists(FerryMessage.JMSX_GROUP_ID)) {
            message.putStoredProperty(FerryMessage.JMSX_GROUP_ID, record.groupId());
            if (record.groupSeq() != 0) {
                message.putStoredProperty(FerryMessage.JMSX_GROUP_SEQ, record.groupSeq());
            }
        }
        message.putStoredProperty(FerryMessage.JMSX_DELIVERY_COUNT, delivery.deliveryCount());
        message.markReceived();
        return message;
    }

    private FerryMessage decodeBody(MessageRecord record) throws JMSException {
        BodyType type;
        try {
            type = BodyType.ofCode(record.bodyType());
        } catch (IllegalArgumentException e) {
            throw JmsExceptions.withCause(new MessageFormatException("message " + record.messageId()
                    + " has a body this version of Ferry cannot read: " + e.getMessage()), e);
        }
        byte[] body = record.body();
        switch (type) {
            case PLAIN:
                return new FerryPlainMessage();
            case TEXT:
                FerryTextMessage text = new FerryTextMessage();
                text.setStoredText(decodeText(body));
                return text;
            case BYTES:
                // a received body is read-only and clearBody() swaps the array, so the record's array is shared
                FerryBytesMessage bytes = new FerryBytesMessage();
                bytes.setStoredContent(body);
                return bytes;
            case MAP:
                FerryMapMessage map = new FerryMapMessage();
                map.setStoredEntries(decodeMap(body));
                return map;
            case STREAM:
                FerryStreamMessage stream = new FerryStreamMessage();
                stream.setStoredFields(decodeStream(body));
                return stream;
            case OBJECT:
                FerryObjectMessage object = new FerryObjectMessage();
                object.setStored(body, allowList);
                return object;
            default:
                throw new IllegalStateException("unhandled body type " + type);
        }
    }

    static String decodeText(byte[] body) throws MessageFormatException {
        if (body == null) {
            return null;
        }
        if (body.length > 0 && (body[0] & 0xFF) == RAW_TEXT_MARKER) {
            BinaryReader in = new BinaryReader(body, "text body");
            in.readByte();
            return in.readString();
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The properties of a stored message ({@code MessageRecord.properties()}) by name, for tools that read the
     * store directly (the admin console, replay rules). {@code JMSXDeliveryCount} is not stored.
     */
    public static Map<String, Object> decodeStoredProperties(byte[] stored) throws MessageFormatException {
        return decodeMap(stored); // the same layout as a map body
    }

    /** The stored form of properties, as {@link #encode} writes them. */
    public static byte[] encodeStoredProperties(Map<String, Object> properties) {
        return encodeProperties(properties);
    }

    static void decodeProperties(byte[] stored, FerryMessage message) throws MessageFormatException {
        if (stored == null || stored.length == 0) {
            return;
        }
        BinaryReader in = new BinaryReader(stored, "properties");
        checkVersion(in);
        int count = in.readVarInt();
        for (int i = 0; i < count; i++) {
            String name = in.readString();
            message.putStoredProperty(name, readValue(in));
        }
    }

    static Map<String, Object> decodeMap(byte[] body) throws MessageFormatException {
        Map<String, Object> entries = new LinkedHashMap<>();
        if (body == null || body.length == 0) {
            return entries;
        }
        BinaryReader in = new BinaryReader(body, "map body");
        checkVersion(in);
        int count = in.readVarInt();
        for (int i = 0; i < count; i++) {
            String name = in.readString();
            entries.put(name, readValue(in));
        }
        return entries;
    }

    static List<Object> decodeStream(byte[] body) throws MessageFormatException {
        if (body == null || body.length == 0) {
            return new ArrayList<>();
        }
        BinaryReader in = new BinaryReader(body, "stream body");
        checkVersion(in);
        int count = in.readVarInt();
        List<Object> fields = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            fields.add(readValue(in));
        }
        return fields;
    }

    private static void checkVersion(BinaryReader in) throws MessageFormatException {
        int version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw in.corrupt("format version " + version + " is not known to this version of Ferry");
        }
    }

    private static Object readValue(BinaryReader in) throws MessageFormatException {
        int tag = in.readByte();
        switch (tag) {
            case TAG_NULL:
                return null;
            case TAG_FALSE:
                return Boolean.FALSE;
            case TAG_TRUE:
                return Boolean.TRUE;
            case TAG_BYTE:
                return (byte) in.readByte();
            case TAG_SHORT:
                return in.readShort();
            case TAG_CHAR:
                return (char) in.readShort();
            case TAG_INT:
                return in.readInt();
            case TAG_LONG:
                return in.readLong();
            case TAG_FLOAT:
                return Float.intBitsToFloat(in.readInt());
            case TAG_DOUBLE:
                return Double.longBitsToDouble(in.readLong());
            case TAG_STRING:
                return in.readString();
            case TAG_BYTES:
                return in.readBytes();
            default:
                throw in.corrupt("unknown value tag " + tag);
        }
    }

    /**
     * The destination a delivery was sent to. Temporary destinations are recognised by the names their
     * connections give them, so that a received message's JMSDestination equals the temporary queue or topic
     * the application created.
     */
    static FerryDestination destinationOf(String name, DestinationKind kind) {
        if (name == null || kind == null) {
            return null;
        }
        boolean temporary = name.length() == TEMPORARY_NAME_LENGTH
                && name.startsWith(kind == DestinationKind.QUEUE ? "TQ-" : "TT-");
        if (kind == DestinationKind.QUEUE) {
            return temporary ? new FerryTemporaryQueue(name, null) : new FerryQueue(name);
        }
        return temporary ? new FerryTemporaryTopic(name, null) : new FerryTopic(name);
    }

    // ---- messages of other providers ----------------------------------------------------------------------

    /**
     * A Ferry copy of another provider's message, headers, properties and body copied (JMS 3.1 §3.12: a
     * provider must accept messages whose implementation is not its own). A foreign reply-to queue or topic is
     * converted by name. A foreign BytesMessage or StreamMessage is {@code reset()} to be read, which leaves it
     * in read-only mode, and is reset again afterwards.
     */
    public static FerryMessage toFerryMessage(Message foreign) throws JMSException {
        Objects.requireNonNull(foreign, "message");
        if (foreign instanceof FerryMessage) {
            return (FerryMessage) foreign;
        }
        FerryMessage copy = copyBody(foreign);
        copy.setJMSMessageID(foreign.getJMSMessageID());
        copy.setJMSTimestamp(foreign.getJMSTimestamp());
        byte[] correlationBytes = null;
        String correlationId = foreign.getJMSCorrelationID();
        if (correlationId == null) {
            try {
                correlationBytes = foreign.getJMSCorrelationIDAsBytes();
            } catch (JMSException | UnsupportedOperationException e) {
                // JMS 3.1 lets a provider refuse byte correlation ids; then there is none to copy
                correlationBytes = null;
            }
        }
        if (correlationBytes != null) {
            copy.setJMSCorrelationIDAsBytes(correlationBytes);
        } else {
            copy.setJMSCorrelationID(correlationId);
        }
        copy.setJMSReplyTo(foreign.getJMSReplyTo());
        Destination destination = foreign.getJMSDestination();
        copy.setJMSDestination(destination);
        copy.setJMSType(foreign.getJMSType());
        int deliveryMode = foreign.getJMSDeliveryMode();
        if (deliveryMode == DeliveryMode.PERSISTENT || deliveryMode == DeliveryMode.NON_PERSISTENT) {
            copy.setJMSDeliveryMode(deliveryMode);
        }
        int priority = foreign.getJMSPriority();
        if (priority >= 0 && priority <= 9) {
            copy.setJMSPriority(priority);
        }
        copy.setJMSExpiration(foreign.getJMSExpiration());
        copy.setJMSDeliveryTime(foreign.getJMSDeliveryTime());
        copy.setJMSRedelivered(foreign.getJMSRedelivered());
        Enumeration<?> names = foreign.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            copy.setObjectProperty(name, foreign.getObjectProperty(name));
        }
        return copy;
    }

    private static FerryMessage copyBody(Message foreign) throws JMSException {
        if (foreign instanceof TextMessage) {
            return new FerryTextMessage(((TextMessage) foreign).getText());
        }
        if (foreign instanceof BytesMessage) {
            BytesMessage source = (BytesMessage) foreign;
            source.reset();
            FerryBytesMessage copy = new FerryBytesMessage();
            byte[] chunk = new byte[8192];
            int read;
            while ((read = source.readBytes(chunk)) > 0) {
                copy.writeBytes(chunk, 0, read);
            }
            source.reset();
            return copy;
        }
        if (foreign instanceof MapMessage) {
            MapMessage source = (MapMessage) foreign;
            FerryMapMessage copy = new FerryMapMessage();
            Enumeration<?> names = source.getMapNames();
            while (names.hasMoreElements()) {
                String name = (String) names.nextElement();
                copy.setObject(name, source.getObject(name));
            }
            return copy;
        }
        if (foreign instanceof StreamMessage) {
            StreamMessage source = (StreamMessage) foreign;
            source.reset();
            FerryStreamMessage copy = new FerryStreamMessage();
            while (true) {
                Object field;
                try {
                    field = source.readObject();
                } catch (MessageEOFException end) {
                    break;
                }
                copy.writeObject(field);
            }
            source.reset();
            return copy;
        }
        if (foreign instanceof ObjectMessage) {
            return new FerryObjectMessage(((ObjectMessage) foreign).getObject());
        }
        return new FerryPlainMessage();
    }
}
