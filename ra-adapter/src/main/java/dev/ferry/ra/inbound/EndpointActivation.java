package dev.ferry.ra.inbound;

import dev.ferry.jms.xa.FerryXAConnectionFactory;
import dev.ferry.jms.destination.FerryDestination;
import dev.ferry.jms.destination.FerryQueue;
import dev.ferry.jms.destination.FerryTopic;
import dev.ferry.ra.outbound.ContainerConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Topic;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One message-driven bean bound to Ferry: {@code maxSession} {@link SessionWorker}s, each a long-running work
 * item on the server's {@link WorkManager} with its own connection, session and consumer.
 */
public final class EndpointActivation {

    static final Method ON_MESSAGE;

    static {
        try {
            ON_MESSAGE = MessageListener.class.getMethod("onMessage", Message.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final System.Logger LOG = System.getLogger(EndpointActivation.class.getName());
    private static final long STOP_WAIT_MILLIS = 30_000;

    private final FerryXAConnectionFactory connectionFactory;
    private final WorkManager workManager;
    private final MessageEndpointFactory endpointFactory;
    private final FerryActivationSpec spec;
    private final List<SessionWorker> workers = new ArrayList<>();

    public EndpointActivation(FerryXAConnectionFactory connectionFactory, WorkManager workManager,
                              MessageEndpointFactory endpointFactory, FerryActivationSpec spec) {
        this.connectionFactory = connectionFactory;
        this.workManager = workManager;
        this.endpointFactory = endpointFactory;
        this.spec = spec;
    }

    public void start() throws ResourceException {
        checkConnectionFactory();
        FerryDestination destination = resolveDestination();
        boolean transacted;
        try {
            transacted = endpointFactory.isDeliveryTransacted(ON_MESSAGE);
        } catch (NoSuchMethodException e) {
            throw new ResourceException("the message endpoint of " + endpointName() + " has no onMessage method", e);
        }
        int sessions = spec.effectiveSessions();
        if (spec.isTopic() && spec.getMaxSession() > 1) {
            LOG.log(System.Logger.Level.INFO, "{0}: a topic subscription is consumed by one session; "
                    + "maxSession={1} applies to queues", endpointName(), spec.getMaxSession());
        }
        for (int i = 0; i < sessions; i++) {
            SessionWorker worker = new SessionWorker(this, destination, transacted, i);
            try {
                workManager.scheduleWork(worker, WorkManager.INDEFINITE, null, null);
            } catch (WorkException e) {
                stop();
                throw new ResourceException("the server's WorkManager refused a Ferry delivery session for "
                        + endpointName() + ": " + e.getMessage(), e);
            }
            synchronized (workers) {
                workers.add(worker);
            }
        }
        LOG.log(System.Logger.Level.INFO, "Ferry delivers {0} to {1} with {2} session(s), {3}", destination,
                endpointName(), sessions, transacted ? "in container transactions" : "without a transaction");
    }

    /** Stops the sessions and waits for deliveries in progress, so that none arrives after deactivation. */
    public void stop() {
        List<SessionWorker> toStop;
        synchronized (workers) {
            toStop = new ArrayList<>(workers);
            workers.clear();
        }
        toStop.forEach(SessionWorker::release);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
        for (SessionWorker worker : toStop) {
            long left = deadline - System.nanoTime();
            if (!worker.awaitStopped(Math.max(0, left))) {
                LOG.log(System.Logger.Level.WARNING, "{0}: a delivery session did not stop within {1} ms",
                        endpointName(), STOP_WAIT_MILLIS);
            }
        }
    }

    /**
     * {@code connectionFactoryLookup} (Jakarta Messaging 3.1 §13.1) names the factory whose connections deliver to
     * the bean. The adapter's pooled factories are all connections of the adapter's own broker, which is what the
     * activation uses; any other factory (another provider's, a destination, a missing name) would silently be
     * ignored, so it fails the deployment instead.
     */
    private void checkConnectionFactory() throws ResourceException {
        String lookup = spec.getConnectionFactoryLookup();
        if (lookup == null || lookup.isBlank()) {
            return;
        }
        Object found;
        try {
            found = new InitialContext().lookup(lookup);
        } catch (NamingException e) {
            throw new InvalidPropertyException("connectionFactoryLookup " + lookup + " cannot be looked up: "
                    + e.getMessage(), e);
        }
        if (!(found instanceof ContainerConnectionFactory)) {
            throw new InvalidPropertyException("connectionFactoryLookup " + lookup + " names a "
                    + (found == null ? "null" : found.getClass().getName()) + ", not a connection factory of "
                    + "Ferry's resource adapter; a bean activated by Ferry consumes through Ferry's broker, so "
                    + "name one of the adapter's connection factories (e.g. java:/jms/ferry/ConnectionFactory) or "
                    + "leave connectionFactoryLookup unset");
        }
    }

    private FerryDestination resolveDestination() throws ResourceException {
        String lookup = spec.getDestinationLookup();
        if (lookup != null && !lookup.isBlank()) {
            Object found;
            try {
                found = new InitialContext().lookup(lookup);
            } catch (NamingException e) {
                throw new InvalidPropertyException("destinationLookup " + lookup + " cannot be looked up: "
                        + e.getMessage(), e);
            }
            if (!(found instanceof Destination)) {
                throw new InvalidPropertyException("destinationLookup " + lookup + " names a "
                        + (found == null ? "null" : found.getClass().getName()) + ", not a jakarta.jms.Destination");
            }
            try {
                FerryDestination destination = FerryDestination.from((Destination) found);
                if (spec.getDestinationType() != null && spec.isTopic() != (found instanceof Topic)) {
                    throw new InvalidPropertyException("destinationLookup " + lookup + " is a "
                            + (found instanceof Topic ? "topic" : "queue") + " but destinationType is "
                            + spec.getDestinationType());
                }
                if (spec.getDestinationType() == null) {
                    spec.setDestinationType(found instanceof Topic ? FerryActivationSpec.TOPIC : FerryActivationSpec.QUEUE);
                }
                if (spec.isDurable() && !spec.isTopic()) {
                    throw new InvalidPropertyException("subscriptionDurability Durable needs a topic, but "
                            + "destinationLookup " + lookup + " is a queue");
                }
                return destination;
            } catch (JMSException e) {
                throw new InvalidPropertyException("destinationLookup " + lookup + ": " + e.getMessage(), e);
            }
        }
        try {
            String name = FerryDestination.checkName(spec.getDestination());
            return spec.isTopic() ? new FerryTopic(name) : new FerryQueue(name);
        } catch (JMSException e) {
            throw new InvalidPropertyException("destination: " + e.getMessage(), e);
        }
    }

    FerryXAConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    MessageEndpointFactory endpointFactory() {
        return endpointFactory;
    }

    FerryActivationSpec spec() {
        return spec;
    }

    String endpointName() {
        String name = endpointFactory.getActivationName();
        return name != null ? name : endpointFactory.toString();
    }
}
