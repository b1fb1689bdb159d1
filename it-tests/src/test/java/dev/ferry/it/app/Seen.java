package dev.ferry.it.app;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import java.io.Serializable;

/** What a message-driven bean saw of one delivery. */
public record Seen(String text, String messageId, boolean redelivered, int deliveryCount, String thread)
        implements Serializable {

    public static Seen of(Message message) {
        try {
            return new Seen(message instanceof TextMessage ? ((TextMessage) message).getText() : null,
                    message.getJMSMessageID(), message.getJMSRedelivered(),
                    message.getIntProperty("JMSXDeliveryCount"), Thread.currentThread().getName());
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
