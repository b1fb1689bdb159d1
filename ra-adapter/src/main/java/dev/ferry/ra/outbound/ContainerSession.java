package dev.ferry.ra.outbound;

import dev.ferry.jms.session.FerryMessageConsumer;
import dev.ferry.jms.xa.FerryXASession;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
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
import jakarta.jms.TransactionInProgressException;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The application's view of the managed connection's session. Closing it closes what the application made with
 * it (consumers, producers, browsers) but not the pooled session. Inside a container transaction commit and
 * rollback belong to the container (JMS 3.1 §12.3: {@link TransactionInProgressException}).
 */
final class ContainerSession implements Session, QueueSession, TopicSession {

    private static final System.Logger LOG = System.getLogger(ContainerSession.class.getName());

    private final FerryManagedConnection managed;
    private final FerryXASession delegate;
    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    ContainerSession(FerryManagedConnection managed, FerryXASession delegate) {
        this.managed = managed;
        this.delegate = delegate;
    }

    boolean isClosed() {
        return closed;
    }

    private FerryXASession session() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        return delegate;
    }

    private <T extends AutoCloseable> T track(T resource) {
        opened.add(resource);
        return resource;
    }

    private ContainerConsumer consumer(MessageConsumer consumer) {
        return track(new ContainerConsumer((FerryMessageConsumer) consumer));
    }

    // ---- messages -----------------------------------------------------------------------------------------

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        return session().createBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        return session().createMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        return session().createMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        return session().createObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        return session().createObjectMessage(object);
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        return session().createStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        return session().createTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        return session().createTextMessage(text);
    }

    // ---- transaction and acknowledgement ------------------------------------------------------------------

    /** Transacted exactly while the session's work belongs to a container transaction (JMS 3.1 §12.3). */
    @Override
    public boolean getTransacted() throws JMSException {
        session();
        return managed.inTransaction();
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        return getTransacted() ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE;
    }

    @Override
    public void commit() throws JMSException {
        checkTransactionOwner("commit");
    }

    @Override
    public void rollback() throws JMSException {
        checkTransactionOwner("rollback");
    }

    @Override
    public void recover() throws JMSException {
        session();
        if (managed.inTransaction()) {
            throw inContainerTransaction("recover");
        }
        // outside a transaction every message is acknowledged as it is delivered: nothing to recover
    }

    /** Never the application's: inside a transaction it is the container's, outside there is none. */
    private void checkTransactionOwner(String method) throws JMSException {
        session();
        if (managed.inTransaction()) {
            throw inContainerTransaction(method);
        }
        throw new IllegalStateException("Session." + method + " needs a transacted session; outside a container "
                + "transaction the container's session acknowledges automatically");
    }

    private static TransactionInProgressException inContainerTransaction(String method) {
        return new TransactionInProgressException("Session." + method + " may not be called inside a container "
                + "transaction: the transaction manager commits or rolls back the JMS work (Jakarta Messaging 3.1 "
                + "§12.3)");
    }

    // ---- forbidden in a container -------------------------------------------------------------------------

    @Override
    public MessageListener getMessageListener() throws JMSException {
        throw ContainerRestrictions.forbidden("Session.getMessageListener");
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        throw ContainerRestrictions.forbidden("Session.setMessageListener");
    }

    @Override
    public void run() {
        throw ContainerRestrictions.forbiddenRuntime("Session.run");
    }

    // ---- producers, consumers, browsers -------------------------------------------------------------------

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        return track(session().createProducer(destination));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return consumer(session().createConsumer(destination));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return consumer(session().createConsumer(destination, messageSelector));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        return consumer(session().createConsumer(destination, messageSelector, noLocal));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return consumer(session().createSharedConsumer(topic, sharedSubscriptionName));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        return consumer(session().createSharedConsumer(topic, sharedSubscriptionName, messageSelector));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return consumer(session().createDurableSubscriber(topic, name));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return consumer(session().createDurableSubscriber(topic, name, messageSelector, noLocal));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return consumer(session().createDurableConsumer(topic, name));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return consumer(session().createDurableConsumer(topic, name, messageSelector, noLocal));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return consumer(session().createSharedDurableConsumer(topic, name));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        return consumer(session().createSharedDurableConsumer(topic, name, messageSelector));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return consumer(session().createReceiver(queue));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        return consumer(session().createReceiver(queue, messageSelector));
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return track(session().createSender(queue));
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return consumer(session().createSubscriber(topic));
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal) throws JMSException {
        return consumer(session().createSubscriber(topic, messageSelector, noLocal));
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return track(session().createPublisher(topic));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return track(session().createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        return track(session().createBrowser(queue, messageSelector));
    }

    // ---- destinations -------------------------------------------------------------------------------------

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        return session().createQueue(queueName);
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        return session().createTopic(topicName);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        return session().createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        return session().createTemporaryTopic();
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        session().unsubscribe(name);
    }

    // ---- closing ------------------------------------------------------------------------------------------

    /** Closes what this handle opened; the pooled session stays with its managed connection. */
    @Override
    public void close() throws JMSException {
        closeQuietly();
    }

    void closeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable resource : opened) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "closing " + resource + " failed", e);
            }
        }
        opened.clear();
    }
}
