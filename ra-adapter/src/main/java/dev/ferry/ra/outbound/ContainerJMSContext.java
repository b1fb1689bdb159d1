package dev.ferry.ra.outbound;

import dev.ferry.jms.context.FerryJMSContext;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TransactionInProgressRuntimeException;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simplified API's handle on a pooled connection: what {@code @Inject JMSContext} and
 * {@code ConnectionFactory.createContext()} return in a container. The session mode is the container's
 * (transacted in a container transaction, auto-acknowledge outside one), whatever the application asked for
 * (JMS 3.1 §12.3); the methods §12.2 forbids throw {@link IllegalStateRuntimeException}.
 */
final class ContainerJMSContext implements JMSContext, ContainerHandle {

    private static final System.Logger LOG = System.getLogger(ContainerJMSContext.class.getName());

    private volatile FerryManagedConnection managed;
    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    ContainerJMSContext(FerryManagedConnection managed) {
        this.managed = managed;
    }

    @Override
    public FerryManagedConnection managedConnection() {
        return managed;
    }

    @Override
    public void reassign(FerryManagedConnection target) {
        this.managed = target;
    }

    @Override
    public void invalidate() {
        closed = true;
        closeOpened();
    }

    private FerryJMSContext context() {
        if (closed) {
            throw new IllegalStateRuntimeException("the JMSContext is closed");
        }
        return managed.context();
    }

    private JMSConsumer consumer(JMSConsumer consumer) {
        ContainerJMSConsumer wrapped = new ContainerJMSConsumer(consumer);
        opened.add(wrapped);
        return wrapped;
    }

    // ---- forbidden in a container (JMS 3.1 §12.2) ---------------------------------------------------------

    @Override
    public JMSContext createContext(int sessionMode) {
        context();
        throw ContainerRestrictions.forbiddenRuntime("JMSContext.createContext");
    }

    @Override
    public void setClientID(String clientID) {
        context();
        throw ContainerRestrictions.forbiddenRuntime("JMSContext.setClientID");
    }

    @Override
    public ExceptionListener getExceptionListener() {
        context();
        throw ContainerRestrictions.forbiddenRuntime("JMSContext.getExceptionListener");
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        context();
        throw ContainerRestrictions.forbiddenRuntime("JMSContext.setExceptionListener");
    }

    @Override
    public void stop() {
        context();
        throw ContainerRestrictions.forbiddenRuntime("JMSContext.stop");
    }

    // ---- connection-level ---------------------------------------------------------------------------------

    @Override
    public JMSProducer createProducer() {
        return context().createProducer();
    }

    @Override
    public String getClientID() {
        return context().getClientID();
    }

    @Override
    public ConnectionMetaData getMetaData() {
        return context().getMetaData();
    }

    @Override
    public void start() {
        context();
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        context();
    }

    @Override
    public boolean getAutoStart() {
        context();
        return true;
    }

    // ---- messages -----------------------------------------------------------------------------------------

    @Override
    public BytesMessage createBytesMessage() {
        return context().createBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() {
        return context().createMapMessage();
    }

    @Override
    public Message createMessage() {
        return context().createMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return context().createObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return context().createObjectMessage(object);
    }

    @Override
    public StreamMessage createStreamMessage() {
        return context().createStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() {
        return context().createTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return context().createTextMessage(text);
    }

    // ---- session-level ------------------------------------------------------------------------------------

    /** Transacted exactly while the session's work belongs to a container transaction (JMS 3.1 §12.3). */
    @Override
    public boolean getTransacted() {
        context();
        return managed.inTransaction();
    }

    @Override
    public int getSessionMode() {
        return getTransacted() ? JMSContext.SESSION_TRANSACTED : JMSContext.AUTO_ACKNOWLEDGE;
    }

    @Override
    public void commit() {
        checkTransactionOwner("commit");
    }

    @Override
    public void rollback() {
        checkTransactionOwner("rollback");
    }

    @Override
    public void recover() {
        context();
        if (managed.inTransaction()) {
            throw inContainerTransaction("recover");
        }
    }

    /** Acknowledgement is the container's: automatic outside a transaction, the transaction's inside one. */
    @Override
    public void acknowledge() {
        context();
    }

    private void checkTransactionOwner(String method) {
        context();
        if (managed.inTransaction()) {
            throw inContainerTransaction(method);
        }
        throw new IllegalStateRuntimeException("JMSContext." + method + " needs a transacted context; outside a "
                + "container transaction the container's context acknowledges automatically");
    }

    private static TransactionInProgressRuntimeException inContainerTransaction(String method) {
        return new TransactionInProgressRuntimeException("JMSContext." + method + " may not be called inside a "
                + "container transaction: the transaction manager commits or rolls back the JMS work (Jakarta "
                + "Messaging 3.1 §12.3)");
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(context().createConsumer(destination));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return consumer(context().createConsumer(destination, messageSelector));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        return consumer(context().createConsumer(destination, messageSelector, noLocal));
    }

    @Override
    public Queue createQueue(String queueName) {
        return context().createQueue(queueName);
    }

    @Override
    public Topic createTopic(String topicName) {
        return context().createTopic(topicName);
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(context().createDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        return consumer(context().createDurableConsumer(topic, name, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(context().createSharedDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        return consumer(context().createSharedDurableConsumer(topic, name, messageSelector));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return consumer(context().createSharedConsumer(topic, sharedSubscriptionName));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        return consumer(context().createSharedConsumer(topic, sharedSubscriptionName, messageSelector));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        QueueBrowser browser = context().createBrowser(queue);
        opened.add(browser);
        return browser;
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        QueueBrowser browser = context().createBrowser(queue, messageSelector);
        opened.add(browser);
        return browser;
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return context().createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return context().createTemporaryTopic();
    }

    @Override
    public void unsubscribe(String name) {
        context().unsubscribe(name);
    }

    // ---- closing ------------------------------------------------------------------------------------------

    /** Closes the consumers and browsers made through this handle and gives the connection back to the pool. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeOpened();
        managed.handleClosed(this);
    }

    private void closeOpened() {
        for (AutoCloseable resource : opened) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "closing " + resource + " failed", e);
            }
        }
        opened.clear();
    }

    /** A consumer of a container context: synchronous receives only (JMS 3.1 §12.2). */
    private static final class ContainerJMSConsumer implements JMSConsumer {

        private final JMSConsumer delegate;

        ContainerJMSConsumer(JMSConsumer delegate) {
            this.delegate = delegate;
        }

        @Override
        public String getMessageSelector() {
            return delegate.getMessageSelector();
        }

        @Override
        public MessageListener getMessageListener() {
            throw ContainerRestrictions.forbiddenRuntime("JMSConsumer.getMessageListener");
        }

        @Override
        public void setMessageListener(MessageListener listener) {
            throw ContainerRestrictions.forbiddenRuntime("JMSConsumer.setMessageListener");
        }

        @Override
        public Message receive() {
            return delegate.receive();
        }

        @Override
        public Message receive(long timeout) {
            return delegate.receive(timeout);
        }

        @Override
        public Message receiveNoWait() {
            return delegate.receiveNoWait();
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public <T> T receiveBody(Class<T> c) {
            return delegate.receiveBody(c);
        }

        @Override
        public <T> T receiveBody(Class<T> c, long timeout) {
            return delegate.receiveBody(c, timeout);
        }

        @Override
        public <T> T receiveBodyNoWait(Class<T> c) {
            return delegate.receiveBodyNoWait(c);
        }
    }
}
