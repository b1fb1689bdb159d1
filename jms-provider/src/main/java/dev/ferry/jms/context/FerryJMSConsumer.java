package dev.ferry.jms.context;

import dev.ferry.jms.engine.BrokerSession;
import dev.ferry.jms.session.FerryMessageConsumer;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageListener;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;

import static dev.ferry.jms.support.JmsExceptions.unchecked;
import static dev.ferry.jms.support.JmsExceptions.uncheckedRun;

/** The simplified API's consumer (JMS 3.1 §8.3): a classic consumer with runtime exceptions and receiveBody. */
public class FerryJMSConsumer implements JMSConsumer {

    private final FerryMessageConsumer consumer;

    FerryJMSConsumer(FerryMessageConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector() {
        return unchecked(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        return unchecked(consumer::getMessageListener);
    }

    @Override
    public void setMessageListener(MessageListener listener) {
        uncheckedRun(() -> consumer.setMessageListener(listener));
    }

    @Override
    public Message receive() {
        return unchecked(consumer::receive);
    }

    @Override
    public Message receive(long timeout) {
        return unchecked(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return unchecked(consumer::receiveNoWait);
    }

    @Override
    public void close() {
        uncheckedRun(consumer::close);
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return receiveBodyWithin(c, 0);
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        if (timeout < 0) {
            return unchecked(() -> {
                throw new JMSException("receive timeout must not be negative (0 waits without limit), was " + timeout);
            });
        }
        return receiveBodyWithin(c, timeout);
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return receiveBodyWithin(c, BrokerSession.NO_WAIT);
    }

    /**
     * Receives and returns the body. A message whose body cannot be returned as {@code c} raises
     * MessageFormatRuntimeException; in AUTO/DUPS_OK mode it stays next in line, not counted as a redelivery;
     * in CLIENT/transacted mode it counts as delivered (JMS 3.1 JMSConsumer.receiveBody).
     */
    private <T> T receiveBodyWithin(Class<T> c, long timeout) {
        if (c == null) {
            throw new IllegalArgumentException("body class must not be null");
        }
        return unchecked(() -> {
            Message message = consumer.receiveWithin(timeout, received -> checkBody(received, c));
            return message == null ? null : message.getBody(c);
        });
    }

    /** Only Text, Bytes, Map and Object messages have a body receiveBody can return. */
    static void checkBody(Message message, Class<?> c) throws JMSException {
        if (!(message instanceof TextMessage || message instanceof BytesMessage || message instanceof MapMessage
                || message instanceof ObjectMessage)) {
            throw new MessageFormatException("receiveBody cannot return the body of a "
                    + kind(message) + "; use receive() for it");
        }
        if (!message.isBodyAssignableTo(c)) {
            throw new MessageFormatException("the body of the " + kind(message) + " cannot be assigned to "
                    + c.getName());
        }
    }

    private static String kind(Message message) {
        for (Class<?> type : message.getClass().getInterfaces()) {
            if (type.getPackageName().equals("jakarta.jms")) {
                return type.getSimpleName();
            }
        }
        return "Message";
    }
}
