package dev.ferry.jms.session;

import dev.ferry.jms.connection.FerryConnection;
import dev.ferry.jms.destination.FerryDestination;
import dev.ferry.jms.destination.FerryQueue;
import dev.ferry.jms.destination.FerryTopic;
import dev.ferry.jms.engine.BrokerSession;
import dev.ferry.jms.engine.DeliveryFeed;
import dev.ferry.jms.message.FerryBytesMessage;
import dev.ferry.jms.message.FerryMapMessage;
import dev.ferry.jms.message.FerryPlainMessage;
import dev.ferry.jms.message.FerryObjectMessage;
import dev.ferry.jms.message.FerryStreamMessage;
import dev.ferry.jms.message.FerryTextMessage;
import dev.ferry.jms.selector.MessageSelector;
import dev.ferry.store.DestinationKind;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;

import java.io.Serializable;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * A JMS session (JMS 3.1 §6.2): creates messages, producers, consumers and browsers, and owns the
 * acknowledgement mode or transaction, which its {@link BrokerSession} carries out. A session made by
 * {@code createQueueSession}/{@code createTopicSession} refuses the other domain's methods, as the legacy
 * interfaces require.
 */
public class FerrySession implements Session, QueueSession, TopicSession {

    /** Which of the legacy domain interfaces the session was created through. */
    public enum Domain { ANY, QUEUE, TOPIC }

    private final FerryConnection connection;
    private final BrokerSession engine;
    private final Domain domain;
    private final Set<FerryMessageConsumer> consumers = new CopyOnWriteArraySet<>();
    private final Set<FerryMessageProducer> producers = new CopyOnWriteArraySet<>();

    public FerrySession(FerryConnection connection, BrokerSession engine, Domain domain) {
        this.connection = connection;
        this.engine = engine;
        this.domain = domain;
    }

    public BrokerSession engine() {
        return engine;
    }

    public FerryConnection connection() {
        return connection;
    }

    public boolean isClosed() {
        return engine.isClosed();
    }

    // ---- messages -----------------------------------------------------------------------------------------

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkOpen();
        return new FerryBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkOpen();
        return new FerryMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        checkOpen();
        return new FerryPlainMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkOpen();
        return new FerryObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        checkOpen();
        return new FerryObjectMessage(object);
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkOpen();
        return new FerryStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkOpen();
        return new FerryTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        checkOpen();
        return new FerryTextMessage(text);
    }

    // ---- transactions and acknowledgement ----------------------------------------------------------------

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return engine.isTransacted();
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return engine.mode();
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        checkTransacted("commit");
        checkNotInCompletionListener("commit");
        engine.commit();
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        checkTransacted("rollback");
        checkNotInCompletionListener("rollback");
        engine.rollback();
    }

    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (engine.isTransacted()) {
            throw new IllegalStateException("recover() is not allowed in a transacted session; use rollback()");
        }
        engine.recover();
    }

    /** The JMSContext's {@code acknowledge()}: acknowledges all consumed messages in CLIENT_ACKNOWLEDGE mode. */
    public void acknowledge() throws JMSException {
        checkOpen();
        if (engine.mode() == Session.CLIENT_ACKNOWLEDGE) {
            engine.acknowledgeAll();
        }
    }

    // ---- the application-server facility (optional, JMS 3.1 §9) -------------------------------------------

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return null;
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        throw new JMSException("Session.setMessageListener (the optional application-server facility) is not "
                + "supported by Ferry; set listeners on message consumers");
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("Session.run (the optional application-server facility) is not "
                + "supported by Ferry");
    }

    // ---- producers and consumers --------------------------------------------------------------------------

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkOpen();
        FerryMessageProducer producer = new FerryMessageProducer(this,
                destination == null ? null : FerryDestination.from(destination));
        producers.add(producer);
        return producer;
    }

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return createConsumer(destination, null, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return createConsumer(destination, messageSelector, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        if (destination == null) {
            throw new InvalidDestinationException("destination must not be null");
        }
        FerryDestination target = FerryDestination.from(destination);
        if (target.kind() == DestinationKind.TOPIC) {
            // a non-durable subscription of its own, with the selector applied at publish time (JMS 3.1 §6.11.3)
            return subscribe(target, false, false, null, messageSelector, noLocal);
        }
        DeliveryFeed feed = engine.openFeed(target, checkSelector(messageSelector));
        FerryMessageConsumer consumer = new FerryMessageConsumer(this, feed, normalise(messageSelector));
        consumers.add(consumer);
        return consumer;
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createSharedConsumer");
        return subscribe(checkTopic(topic), false, true, checkSubscriptionName(sharedSubscriptionName),
                messageSelector, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createDurableSubscriber");
        return subscribe(checkTopic(topic), true, false, checkSubscriptionName(name), messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableConsumer(topic, name, null, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createDurableConsumer");
        return subscribe(checkTopic(topic), true, false, checkSubscriptionName(name), messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createSharedDurableConsumer");
        return subscribe(checkTopic(topic), true, true, checkSubscriptionName(name), messageSelector, false);
    }

    /** A consumer of a topic subscription; the engine applies the subscription rules (JMS 3.1 §6.11). */
    private FerryMessageConsumer subscribe(FerryDestination topic, boolean durable, boolean shared, String name,
                                           String messageSelector, boolean noLocal) throws JMSException {
        DeliveryFeed feed = engine.openSubscription(topic, durable, shared, name, messageSelector, noLocal);
        FerryMessageConsumer consumer = new FerryMessageConsumer(this, feed, normalise(messageSelector));
        consumers.add(consumer);
        return consumer;
    }

    private static FerryDestination checkTopic(Topic topic) throws JMSException {
        if (topic == null) {
            throw new InvalidDestinationException("topic must not be null");
        }
        FerryDestination target = FerryDestination.from(topic);
        if (target.kind() != DestinationKind.TOPIC) {
            throw new InvalidDestinationException(target + " is not a topic");
        }
        return target;
    }

    private static String checkSubscriptionName(String name) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new JMSException("a subscription name must not be null or empty");
        }
        return name;
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "unsubscribe");
        engine.unsubscribe(name);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        checkOpen();
        checkDomain(Domain.QUEUE, "createBrowser");
        if (queue == null) {
            throw new InvalidDestinationException("queue must not be null");
        }
        MessageSelector selector = checkSelector(messageSelector);
        FerryDestination target = FerryDestination.from(queue);
        engine.resolve(target);
        return new FerryQueueBrowser(this, (FerryQueue) target, selector);
    }

    // ---- destinations -------------------------------------------------------------------------------------

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        checkOpen();
        checkDomain(Domain.QUEUE, "createQueue");
        return new FerryQueue(FerryDestination.checkName(queueName));
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createTopic");
        return new FerryTopic(FerryDestination.checkName(topicName));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        checkDomain(Domain.QUEUE, "createTemporaryQueue");
        return connection.createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createTemporaryTopic");
        return connection.createTemporaryTopic();
    }

    // ---- legacy domain interfaces -------------------------------------------------------------------------

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return (QueueReceiver) createConsumer(queue);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        return (QueueReceiver) createConsumer(queue, messageSelector);
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return createSubscriber(topic, null, false);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        return subscribe(checkTopic(topic), false, false, null, messageSelector, noLocal);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return (TopicPublisher) createProducer(topic);
    }

    // ---- closing ------------------------------------------------------------------------------------------

    /**
     * Closes the session (JMS 3.1 §6.2.12). May be called from any thread and from the session's own message
     * listener; not from its own completion listener (§7.3.8).
     */
    @Override
    public void close() throws JMSException {
        if (engine.isClosed()) {
            return;
        }
        checkNotInCompletionListener("close");
        engine.close();
        consumers.clear();
        producers.clear();
        connection.sessionClosed(this);
    }

    void consumerClosed(FerryMessageConsumer consumer) {
        consumers.remove(consumer);
    }

    void producerClosed(FerryMessageProducer producer) {
        producers.remove(producer);
    }

    // ---- checks -------------------------------------------------------------------------------------------

    void checkOpen() throws IllegalStateException {
        if (engine.isClosed()) {
            throw new IllegalStateException("the session is closed");
        }
    }

    private void checkTransacted(String operation) throws IllegalStateException {
        if (!engine.isTransacted()) {
            throw new IllegalStateException(operation + "() is only allowed in a transacted session");
        }
    }

    private void checkNotInCompletionListener(String operation) throws IllegalStateException {
        if (engine.isCompletionThread()) {
            throw new IllegalStateException("a CompletionListener must not call " + operation
                    + "() on its own session (JMS 3.1 §7.3.8)");
        }
    }

    private void checkDomain(Domain required, String method) throws IllegalStateException {
        if (domain != Domain.ANY && domain != required) {
            throw new IllegalStateException(method + " is not available on a "
                    + (domain == Domain.QUEUE ? "QueueSession" : "TopicSession"));
        }
    }

    /**
     * Parses a consumer's or browser's selector when it is created, so that a bad one fails there (JMS 3.1
     * §3.8.1: InvalidSelectorException, its message giving the column); null or blank selects every message.
     */
    static MessageSelector checkSelector(String messageSelector) throws InvalidSelectorException {
        return MessageSelector.parse(messageSelector);
    }

    private static String normalise(String messageSelector) {
        return messageSelector == null || messageSelector.trim().isEmpty() ? null : messageSelector;
    }

    @Override
    public String toString() {
        return "FerrySession[" + engine + "]";
    }
}
