package dev.ferry.ra.inbound;

import dev.ferry.jms.destination.FerryDestination;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One delivery session of a message-driven bean: receives from its consumer and hands each message to its
 * endpoint, one at a time, until the activation stops it.
 *
 * <p>The consumption is a transacted Ferry session, so a message comes back (with {@code JMSRedelivered} and
 * an incremented {@code JMSXDeliveryCount}, and into the dead-letter queue after the maximum attempts) whenever
 * the bean's work does not complete:
 * <ul>
 *   <li>container-managed transaction: the session commits when the container transaction committed and rolls
 *       back when it rolled back (the bean threw, called {@code setRollbackOnly}, or the commit failed), learnt
 *       from an interposed {@link Synchronization};</li>
 *   <li>no container transaction: the session commits when {@code onMessage} returned and rolls back when it
 *       threw (Jakarta Messaging 3.1 §8.7, a listener's runtime exception means redelivery).</li>
 * </ul>
 */
final class SessionWorker implements Work, WorkContextProvider {

    private static final System.Logger LOG = System.getLogger(SessionWorker.class.getName());
    private static final long RETRY_MILLIS = 1_000;
    private static final long serialVersionUID = 1L;

    private final transient EndpointActivation activation;
    private final transient FerryDestination destination;
    private final boolean transacted;
    private final int index;
    private final transient CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean released;

    private transient Connection connection;
    private transient Session session;
    private transient MessageConsumer consumer;
    private transient MessageEndpoint endpoint;

    SessionWorker(EndpointActivation activation, FerryDestination destination, boolean transacted, int index) {
        this.activation = activation;
        this.destination = destination;
        this.transacted = transacted;
        this.index = index;
    }

    /** Delivery sessions live as long as the bean is deployed: the server should not count them as short work. */
    @Override
    public List<WorkContext> getWorkContexts() {
        HintsContext hints = new HintsContext();
        hints.setName("Ferry delivery session " + index + " of " + activation.endpointName());
        hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
        return List.of(hints);
    }

    @Override
    public void run() {
        try {
            while (!released) {
                try {
                    open();
                    Message message = consumer.receive(activation.spec().getReceiveTimeout());
                    if (message != null) {
                        deliver(message);
                    }
                } catch (UnavailableException e) {
                    // the bean's container is not ready yet (deploying) or no longer (undeploying)
                    pause();
                } catch (JMSException | ResourceException | NoSuchMethodException | RuntimeException e) {
                    if (!released) {
                        LOG.log(System.Logger.Level.WARNING, "Ferry delivery session " + index + " of "
                                + activation.endpointName() + " failed; reopening it", e);
                        closeQuietly();
                        pause();
                    }
                }
            }
        } finally {
            closeQuietly();
            stopped.countDown();
        }
    }

    private void open() throws JMSException, UnavailableException {
        if (endpoint == null) {
            endpoint = activation.endpointFactory().createEndpoint(null);
        }
        if (consumer != null) {
            return;
        }
        FerryActivationSpec spec = activation.spec();
        connection = activation.connectionFactory().createConnection();
        if (spec.isDurable()) {
            connection.setClientID(spec.getClientId());
        }
        session = connection.createSession(Session.SESSION_TRANSACTED);
        String selector = spec.getMessageSelector();
        if (spec.isDurable()) {
            consumer = session.createDurableConsumer((Topic) destination, spec.getSubscriptionName(), selector, false);
        } else {
            consumer = session.createConsumer(destination, selector);
        }
        connection.start();
    }

    private void deliver(Message message) throws JMSException, ResourceException, NoSuchMethodException {
        MessageListener listener = (MessageListener) endpoint;
        if (!transacted) {
            boolean completed = false;
            try {
                listener.onMessage(message);
                completed = true;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "message-driven bean threw; the message will be redelivered", e);
            }
            settle(completed);
            return;
        }
        endpoint.beforeDelivery(EndpointActivation.ON_MESSAGE);
        Outcome outcome = new Outcome();
        TransactionSynchronizationRegistry transactions = activation.transactions();
        boolean watched = false;
        try {
            if (transactions != null) {
                transactions.registerInterposedSynchronization(outcome);
                watched = true;
            }
        } catch (IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "no container transaction around the delivery to "
                    + activation.endpointName() + "; committing on a normal return", e);
        }
        boolean returned = false;
        try {
            listener.onMessage(message);
            returned = true;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "message-driven bean threw; the container rolls back", e);
        } finally {
            try {
                endpoint.afterDelivery();
            } catch (ResourceException e) {
                LOG.log(System.Logger.Level.DEBUG, "the container transaction of a delivery did not commit", e);
            }
        }
        settle(watched ? outcome.committed : returned);
    }

    private void settle(boolean consumed) throws JMSException {
        if (consumed) {
            session.commit();
        } else {
            session.rollback();
        }
    }

    /** Learns how the container transaction of one delivery ended. */
    private static final class Outcome implements Synchronization {
        volatile boolean committed;

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            committed = status == Status.STATUS_COMMITTED;
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            released = true;
        }
    }

    private void closeQuietly() {
        if (endpoint != null) {
            endpoint.release();
            endpoint = null;
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a delivery session's connection failed", e);
            }
        }
        connection = null;
        session = null;
        consumer = null;
    }

    /** Asks the session to stop after the delivery in progress (JCA 2.1 §10.3.3, {@code Work.release}). */
    @Override
    public void release() {
        released = true;
    }

    boolean awaitStopped(long nanos) {
        try {
            return stopped.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
