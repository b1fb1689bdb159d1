package dev.ferry.jms.session;

import dev.ferry.jms.destination.FerryDestination;
import dev.ferry.jms.message.FerryMessage;
import dev.ferry.jms.message.MessageCodec;
import dev.ferry.jms.engine.BrokerSession;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;

/**
 * A message producer (JMS 3.1 §7): checks the spec's rules, stamps the headers on the application's message,
 * and hands the message to the session's engine, which sends it.
 */
public class FerryMessageProducer implements MessageProducer, QueueSender, TopicPublisher {

    private final FerrySession session;
    private final FerryDestination destination;
    private int deliveryMode = Message.DEFAULT_DELIVERY_MODE;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private boolean disableMessageId;
    private boolean disableMessageTimestamp;
    private volatile boolean closed;

    FerryMessageProducer(FerrySession session, FerryDestination destination) {
        this.session = session;
        this.destination = destination;
    }

    // ---- settings -----------------------------------------------------------------------------------------

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        checkOpen();
        disableMessageId = value;
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        checkOpen();
        return disableMessageId;
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        checkOpen();
        disableMessageTimestamp = value;
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        checkOpen();
        return disableMessageTimestamp;
    }

    @Override
    public void setDeliveryMode(int deliveryMode) throws JMSException {
        checkOpen();
        this.deliveryMode = checkDeliveryMode(deliveryMode);
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        checkOpen();
        return deliveryMode;
    }

    @Override
    public void setPriority(int priority) throws JMSException {
        checkOpen();
        this.priority = checkPriority(priority);
    }

    @Override
    public int getPriority() throws JMSException {
        checkOpen();
        return priority;
    }

    @Override
    public void setTimeToLive(long timeToLive) throws JMSException {
        checkOpen();
        this.timeToLive = checkTimeToLive(timeToLive);
    }

    @Override
    public long getTimeToLive() throws JMSException {
        checkOpen();
        return timeToLive;
    }

    @Override
    public void setDeliveryDelay(long deliveryDelay) throws JMSException {
        checkOpen();
        if (deliveryDelay < 0) {
            throw new JMSException("delivery delay must not be negative, was " + deliveryDelay);
        }
        this.deliveryDelay = deliveryDelay;
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        checkOpen();
        return deliveryDelay;
    }

    @Override
    public Destination getDestination() throws JMSException {
        checkOpen();
        return destination;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return destination instanceof Queue ? (Queue) destination : null;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return destination instanceof Topic ? (Topic) destination : null;
    }

    // ---- sending ------------------------------------------------------------------------------------------

    @Override
    public void send(Message message) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        checkOpen();
        sendTo(requireOwnDestination(), message, deliveryMode, priority, timeToLive, null);
    }

    @Override
    public void send(Destination destination, Message message) throws JMSException {
        send(destination, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Destination destination, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        checkOpen();
        sendTo(requireAnonymous(destination), message, deliveryMode, priority, timeToLive, null);
    }

    @Override
    public void send(Message message, CompletionListener completionListener) throws JMSException {
        send(message, deliveryMode, priority, timeToLive, completionListener);
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive,
                     CompletionListener completionListener) throws JMSException {
        checkOpen();
        sendTo(requireOwnDestination(), message, deliveryMode, priority, timeToLive,
                requireListener(completionListener));
    }

    @Override
    public void send(Destination destination, Message message, CompletionListener completionListener)
            throws JMSException {
        send(destination, message, deliveryMode, priority, timeToLive, completionListener);
    }

    @Override
    public void send(Destination destination, Message message, int deliveryMode, int priority, long timeToLive,
                     CompletionListener completionListener) throws JMSException {
        checkOpen();
        sendTo(requireAnonymous(destination), message, deliveryMode, priority, timeToLive,
                requireListener(completionListener));
    }

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        send((Destination) queue, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        send(topic, message, deliveryMode, priority, timeToLive);
    }

    /**
     * Stamps the headers on the application's own message object (JMS 3.1 §3.4: they are readable there after
     * send), converts a foreign message, and sends. A completion listener is called once the send has committed.
     */
    private void sendTo(FerryDestination target, Message message, int mode, int prio, long ttl,
                        CompletionListener completionListener) throws JMSException {
        if (message == null) {
            throw new MessageFormatException("message must not be null");
        }
        checkDeliveryMode(mode);
        checkPriority(prio);
        checkTimeToLive(ttl);
        BrokerSession engine = session.engine();
        long now = System.currentTimeMillis();
        message.setJMSDestination(target);
        message.setJMSDeliveryMode(mode);
        message.setJMSPriority(prio);
        message.setJMSExpiration(ttl == 0 ? 0 : now + ttl);
        message.setJMSDeliveryTime(now + deliveryDelay);
        message.setJMSTimestamp(disableMessageTimestamp ? 0 : now);
        message.setJMSMessageID(disableMessageId ? null : engine.nextMessageId());
        FerryMessage ferryMessage = message instanceof FerryMessage ? (FerryMessage) message
                : MessageCodec.toFerryMessage(message);
        if (completionListener == null) {
            engine.send(target, ferryMessage);
            return;
        }
        // JMS 3.1 §7.3.5: the outcome of an asynchronous send is reported to its listener, failures included
        JMSException failure = null;
        try {
            engine.send(target, ferryMessage);
        } catch (IllegalStateException e) {
            throw e;
        } catch (JMSException e) {
            failure = e;
        }
        Exception outcome = failure;
        engine.complete(() -> {
            if (outcome == null) {
                completionListener.onCompletion(message);
            } else {
                completionListener.onException(message, outcome);
            }
        });
    }

    private FerryDestination requireOwnDestination() {
        if (destination == null) {
            throw new UnsupportedOperationException(
                    "this producer was created without a destination; use a send method that names one");
        }
        return destination;
    }

    private FerryDestination requireAnonymous(Destination target) throws JMSException {
        if (destination != null) {
            throw new UnsupportedOperationException("this producer sends to " + destination
                    + "; a destination may be named per send only on a producer created without one");
        }
        if (target == null) {
            throw new InvalidDestinationException("destination must not be null");
        }
        return FerryDestination.from(target);
    }

    private static CompletionListener requireListener(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("completion listener must not be null");
        }
        return listener;
    }

    static int checkDeliveryMode(int mode) throws JMSException {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("delivery mode must be DeliveryMode.PERSISTENT (2) or NON_PERSISTENT (1), was "
                    + mode);
        }
        return mode;
    }

    static int checkPriority(int priority) throws JMSException {
        if (priority < 0 || priority > 9) {
            throw new JMSException("priority must be between 0 and 9, was " + priority);
        }
        return priority;
    }

    static long checkTimeToLive(long timeToLive) throws JMSException {
        if (timeToLive < 0) {
            throw new JMSException("time to live must not be negative (0 means unlimited), was " + timeToLive);
        }
        return timeToLive;
    }

    @Override
    public void close() throws JMSException {
        if (closed || session.isClosed()) {
            closed = true;
            return;
        }
        if (session.engine().isCompletionThread()) {
            throw new IllegalStateException("a CompletionListener must not close its own producer (JMS 3.1 §7.3.8)");
        }
        closed = true;
        session.producerClosed(this);
    }

    public boolean isClosed() {
        return closed || session.isClosed();
    }

    private void checkOpen() throws IllegalStateException {
        if (isClosed()) {
            throw new IllegalStateException("the message producer is closed");
        }
    }

    @Override
    public String toString() {
        return "FerryMessageProducer[" + (destination == null ? "anonymous" : destination) + "]";
    }
}
