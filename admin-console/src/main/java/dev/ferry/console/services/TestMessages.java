package dev.ferry.console.services;

import dev.ferry.jms.message.FerryBytesMessage;
import dev.ferry.jms.message.FerryMessage;
import dev.ferry.jms.message.FerryTextMessage;
import dev.ferry.jms.message.MessageCodec;
import dev.ferry.jms.message.ObjectMessageAllowList;
import dev.ferry.store.MessageRecord;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the stored form of a message an operator composes (a test message, or an edited dead letter) with the
 * provider's codec, so that consumers read it exactly as if a JMS producer had sent it.
 */
public final class TestMessages {

    private static final MessageCodec CODEC = new MessageCodec(ObjectMessageAllowList.defaults());

    private TestMessages() {
    }

    /** A persistent message with a fresh {@code ID:console-…} message id and the current time as timestamp. */
    public static MessageRecord record(boolean text, String body, String correlationId, String type, int priority,
                                       Map<String, String> properties) {
        try {
            FerryMessage message;
            if (text) {
                message = new FerryTextMessage(body);
            } else {
                FerryBytesMessage bytes = new FerryBytesMessage();
                bytes.writeBytes(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
                message = bytes;
            }
            for (Map.Entry<String, String> property : properties.entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
            message.setJMSMessageID("ID:console-" + UUID.randomUUID());
            message.setJMSTimestamp(System.currentTimeMillis());
            if (correlationId != null && !correlationId.isBlank()) {
                message.setJMSCorrelationID(correlationId.strip());
            }
            if (type != null && !type.isBlank()) {
                message.setJMSType(type.strip());
            }
            message.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
            message.setJMSPriority(priority);
            return CODEC.encode(message);
        } catch (JMSException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The stored body of a text message with this text, for an edit before a replay. */
    public static byte[] textBody(String text) {
        try {
            return CODEC.encode(new FerryTextMessage(text)).body();
        } catch (JMSException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * {@code name=value} lines as string properties; blank lines are skipped.
     *
     * @throws IllegalArgumentException for a line without {@code =} or with an invalid property name
     */
    public static Map<String, String> properties(String lines) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (lines == null) {
            return properties;
        }
        int number = 0;
        for (String line : lines.split("\\R")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("property line " + number + " is not name=value: " + line);
            }
            String name = line.substring(0, equals).strip();
            if (!Character.isJavaIdentifierStart(name.charAt(0))
                    || !name.chars().skip(1).allMatch(Character::isJavaIdentifierPart)) {
                throw new IllegalArgumentException("property line " + number + ": '" + name
                        + "' is not a valid property name (a Java identifier)");
            }
            properties.put(name, line.substring(equals + 1).strip());
        }
        return properties;
    }
}
