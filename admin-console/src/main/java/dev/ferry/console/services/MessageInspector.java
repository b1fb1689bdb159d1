package dev.ferry.console.services;

import dev.ferry.jms.message.BodyType;
import dev.ferry.jms.message.FerryMessage;
import dev.ferry.jms.message.MessageCodec;
import dev.ferry.jms.message.ObjectMessageAllowList;
import dev.ferry.store.Delivery;
import dev.ferry.store.MessageRecord;
import dev.ferry.store.admin.MessageDetail;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageEOFException;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads stored messages with the provider's own codec, so the console shows exactly what a consumer would
 * receive. An {@code ObjectMessage} body is never deserialized: only its class name (from the stream header)
 * and size are shown.
 */
public final class MessageInspector {


    /** Bytes bodies larger than this are shown in part. */
    static final int HEX_DUMP_LIMIT = 64 * 1024;

    // The allow-list is irrelevant: getObject() is never called here.
    private final MessageCodec codec = new MessageCodec(ObjectMessageAllowList.defaults());

    /** The message as a consumer would see it. */
    public FerryMessage decode(Delivery delivery) throws JMSException {
        return codec.decode(delivery);
    }

    /** Headers, properties and body; the body replaced by {@link MessageDetails.Body#hidden()} when not shown. */
    public MessageDetails details(MessageDetail detail, boolean showBody) throws JMSException {
        Delivery delivery = detail.delivery();
        MessageRecord record = delivery.message();
        FerryMessage message = codec.decode(delivery);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("JMSMessageID", String.valueOf(record.messageId()));
        headers.put("JMSDestination", delivery.destinationKind() + " " + delivery.destinationName());
        headers.put("JMSTimestamp", record.timestamp() == 0 ? "(disabled)"
                : Instant.ofEpochMilli(record.timestamp()).toString());
        headers.put("JMSCorrelationID", correlationId(record));
        headers.put("JMSReplyTo", message.getJMSReplyTo() == null ? "null" : message.getJMSReplyTo().toString());
        headers.put("JMSType", String.valueOf(record.type()));
        headers.put("JMSDeliveryMode", message.getJMSDeliveryMode() == DeliveryMode.PERSISTENT ? "PERSISTENT"
                : "NON_PERSISTENT");
        headers.put("JMSPriority", Integer.toString(record.priority()));
        headers.put("JMSExpiration", record.expiration() == 0 ? "0 (never)"
                : Instant.ofEpochMilli(record.expiration()).toString());
        headers.put("JMSDeliveryTime", record.deliveryTime() == 0 ? "0"
                : Instant.ofEpochMilli(record.deliveryTime()).toString());
        headers.put("JMSRedelivered", Boolean.toString(delivery.redelivered()));
        if (delivery.originalDestination() != null) {
            headers.put("Original destination", delivery.originalDestination());
        }
        if (delivery.failureReason() != null) {
            headers.put("Last failure", delivery.failureReason());
        }
        List<MessageDetails.Property> properties = new ArrayList<>();
        for (String name : Collections.list(message.getPropertyNames())) {
            Object value = message.getObjectProperty(name);
            properties.add(property(name, value));
        }
        properties.sort((a, b) -> a.name().compareTo(b.name()));
        MessageDetails.Body body = showBody ? body(record, message) : MessageDetails.Body.hidden();
        return new MessageDetails(detail, headers, properties, body);
    }

    private static MessageDetails.Body body(MessageRecord record, FerryMessage message) throws JMSException {
        byte[] stored = record.body();
        long size = stored == null ? 0 : stored.length;
        switch (BodyType.ofCode(record.bodyType())) {
            case TEXT -> {
                String text = ((TextMessage) message).getText();
                if (text == null) {
                    return none();
                }
                String json = BodyFormats.prettyJson(text);
                if (json != null) {
                    return new MessageDetails.Body(MessageDetails.Kind.TEXT, json, "JSON", List.of(), List.of(), null, size);
                }
                String xml = BodyFormats.prettyXml(text);
                if (xml != null) {
                    return new MessageDetails.Body(MessageDetails.Kind.TEXT, xml, "XML", List.of(), List.of(), null, size);
                }
                return new MessageDetails.Body(MessageDetails.Kind.TEXT, text, null, List.of(), List.of(), null, size);
            }
            case BYTES -> {
                byte[] bytes = stored == null ? new byte[0] : stored;
                return new MessageDetails.Body(MessageDetails.Kind.BYTES, null, null,
                        BodyFormats.hexDump(bytes, HEX_DUMP_LIMIT), List.of(), null, size);
            }
            case MAP -> {
                MapMessage map = (MapMessage) message;
                List<MessageDetails.Property> entries = new ArrayList<>();
                for (Object name : Collections.list(map.getMapNames())) {
                    entries.add(property((String) name, map.getObject((String) name)));
                }
                entries.sort((a, b) -> a.name().compareTo(b.name()));
                return new MessageDetails.Body(MessageDetails.Kind.MAP, null, null, List.of(), entries, null, size);
            }
            case STREAM -> {
                StreamMessage stream = (StreamMessage) message;
                List<MessageDetails.Property> entries = new ArrayList<>();
                try {
                    for (int i = 0; ; i++) {
                        entries.add(property(Integer.toString(i), stream.readObject()));
                    }
                } catch (MessageEOFException end) {
                    // every item read
                }
                return new MessageDetails.Body(MessageDetails.Kind.STREAM, null, null, List.of(), entries, null, size);
            }
            case OBJECT -> {
                if (stored == null) {
                    return none();
                }
                String className = BodyFormats.serializedClassName(stored);
                return new MessageDetails.Body(MessageDetails.Kind.OBJECT, null, null, List.of(), List.of(),
                        className == null ? "(not a Java serialization stream)" : className, size);
            }
            default -> {
                return none();
            }
        }
    }

    /** The correlation id as text; a byte-array correlation id in hex. */
    public static String correlationId(MessageRecord record) {
        return record.correlationIdBytes() != null ? "0x" + HexFormat.of().formatHex(record.correlationIdBytes())
                : String.valueOf(record.correlationId());
    }

    private static MessageDetails.Body none() {
        return new MessageDetails.Body(MessageDetails.Kind.NONE, null, null, List.of(), List.of(), null, 0);
    }

    private static MessageDetails.Property property(String name, Object value) {
        if (value instanceof byte[] bytes) {
            return new MessageDetails.Property(name, "0x" + HexFormat.of().formatHex(bytes), "byte[]");
        }
        return new MessageDetails.Property(name, String.valueOf(value),
                value == null ? "null" : value.getClass().getSimpleName());
    }

    public static String bodyTypeName(int code) {
        try {
            return BodyType.ofCode(code).name();
        } catch (IllegalArgumentException unknown) {
            return "UNKNOWN(" + code + ")";
        }
    }
}
