package dev.ferry.jms.session;

import dev.ferry.jms.destination.FerryDestination;
import dev.ferry.jms.engine.BrokerSession;
import dev.ferry.jms.engine.DeliveryFeed;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;

/**
 * A message consumer on a queue (JMS 3.1 §8): synchronous receives and a message listener, both served by the
 * session's engine from this consumer's {@link DeliveryFeed}.
 */
public class FerryMessageConsumer implements MessageConsumer, QueueReceiver, TopicSubscriber {

    private final FerrySession session;
    private final DeliveryFeed feed;
    private final String selector;

    FerryMessageConsumer(FerrySession session, DeliveryFeed feed, String selector) {
        this.session = session;
        this.feed = feed;
        this.selector = selector;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector;
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return feed.listener();
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        feed.setListener(listener);
    }

    @Override
    public Message receive() throws JMSException {
        return receiveWithin(0, null);
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        if (timeout < 0) {
            throw new JMSException("receive timeout must not be negative (0 waits without limit), was " + timeout);
        }
        return receiveWithin(timeout, null);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return receiveWithin(BrokerSession.NO_WAIT, null);
    }

    /**
     * Receives with a check of the body (JMSConsumer.receiveBody); {@code timeout} as in
     * {@link BrokerSession#receive}.
     */
    public Message receiveWithin(long timeout, BrokerSession.BodyCheck check) throws JMSException {
        checkOpen();
        if (feed.listener() != null) {
            throw new IllegalStateException("this consumer has a MessageListener; it cannot also receive synchronously");
        }
        return session.engine().receive(feed, timeout, check);
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return feed.destination() instanceof Queue ? (Queue) feed.destination() : null;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return feed.destination() instanceof Topic ? (Topic) feed.destination() : null;
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        checkOpen();
        return feed.subscription() != null && feed.subscription().noLocal();
    }

    public FerryDestination destination() {
        return feed.destination();
    }

    /**
     * Closes the consumer. A receive blocked in another thread returns {@code null}; a listener running on
     * another thread finishes first; a listener may close its own consumer (JMS 3.1 §8.8).
     */
    @Override
    public void close() throws JMSException {
        if (feed.isClosed()) {
            return;
        }
        session.engine().closeFeed(feed);
        session.consumerClosed(this);
    }

    public boolean isClosed() {
        return feed.isClosed() || session.isClosed();
    }

    private void checkOpen() throws IllegalStateException {
        if (isClosed()) {
            throw new IllegalStateException("the message consumer is closed");
        }
    }

    @Override
    public String toString() {
        return "FerryMessageConsumer[" + feed.destination() + "]";
    }
}
