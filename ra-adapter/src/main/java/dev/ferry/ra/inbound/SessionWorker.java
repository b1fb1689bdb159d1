package dev.ferry.ra.inbound;

import dev.ferry.jms.destination.FerryDestination;
import dev.ferry.jms.session.FerrySession;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;

import javax.transaction.xa.XAResource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One delivery session of a message-driven bean: receives from its consumer and hands each message to its
 * endpoint, one at a time, until the activation stops it. A message whose delivery does not complete comes back
 * with {@code JMSRedelivered} and an incremented {@code JMSXDeliveryCount}, and goes to the dead-letter queue after
 * the maximum attempts (the broker's redelivery rules).
 * <ul>
 *   <li>Container-managed transaction (JCA 2.1 §13.5.5): an XA session whose resource is given to the endpoint;
 *       {@code beforeDelivery} makes the container start a transaction with that resource enlisted, the message
 *       is received inside it, and {@code afterDelivery} commits or rolls back the receive together with the
 *       bean's work. An idle wait is an empty transaction.</li>
 *   <li>No container transaction: a transacted session that commits when {@code onMessage} returned and rolls
 *       back when it threw (Jakarta Messaging 3.1 §8.7: a listener's runtime exception means redelivery).</li>
 * </ul>
 */
final class SessionWorker implements Work, WorkContextProvider {

    private static final System.Logger LOG = System.getLogger(SessionWorker.class.getName());
    private static final long RETRY_MILLIS = 1_000;

    private final EndpointActivation activation;
    private final FerryDestination destination;
    private final boolean transacted;
    private final int index;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean released;

    private Connection connection;
    private Session session;
    private XAResource xaResource;
    private MessageConsumer consumer;
    private MessageEndpoint endpoint;

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
                    if (transacted) {
                        deliverInContainerTransaction();
                    } else {
                        deliverWithoutTransaction();
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
        if (consumer == null) {
            FerryActivationSpec spec = activation.spec();
            if (transacted) {
                XAConnection xaConnection = activation.connectionFactory().createXAConnection();
                connection = xaConnection;
                setClientId(spec);
                XASession xaSession = xaConnection.createXASession();
                session = xaSession;
                xaResource = xaSession.getXAResource();
            } else {
                connection = activation.connectionFactory().createConnection();
                setClientId(spec);
                session = connection.createSession(Session.SESSION_TRANSACTED);
            }
            // the bean's redelivery settings win over the destination's policy for what this session consumes
            ((FerrySession) session).engine().overrideDeliveryRules(spec.deliveryOverrides());
            String selector = spec.getMessageSelector();
            if (spec.isDurable()) {
                consumer = session.createDurableConsumer((Topic) destination, spec.getSubscriptionName(), selector,
                        false);
            } else {
                consumer = session.createConsumer(destination, selector);
            }
            connection.start();
        }
        if (endpoint == null) {
            endpoint = activation.endpointFactory().createEndpoint(xaResource);
        }
    }

    private void setClientId(FerryActivationSpec spec) throws JMSException {
        if (spec.isDurable()) {
            connection.setClientID(spec.getClientId());
        }
    }

    /** One container transaction: receive (or wait in vain) and deliver inside it. */
    private void deliverInContainerTransaction() throws JMSException, ResourceException, NoSuchMethodException {
        endpoint.beforeDelivery(EndpointActivation.ON_MESSAGE);
        try {
            Message message = consumer.receive(activation.spec().getReceiveTimeout());
            if (message != null) {
                try {
                    ((MessageListener) endpoint).onMessage(message);
                } catch (RuntimeException e) {
                    // the container has marked the transaction for rollback; afterDelivery rolls it back
                    LOG.log(System.Logger.Level.DEBUG, "message-driven bean threw; the container rolls back", e);
                }
            }
        } finally {
            try {
                endpoint.afterDelivery();
            } catch (ResourceException e) {
                LOG.log(System.Logger.Level.DEBUG, "the container transaction of a delivery did not commit", e);
            }
        }
    }

    private void deliverWithoutTransaction() throws JMSException {
        Message message = consumer.receive(activation.spec().getReceiveTimeout());
        if (message == null) {
            return;
        }
        boolean completed = false;
        try {
            ((MessageListener) endpoint).onMessage(message);
            completed = true;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "message-driven bean threw; the message will be redelivered", e);
        }
        if (completed) {
            session.commit();
        } else {
            session.rollback();
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
        xaResource = null;
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
