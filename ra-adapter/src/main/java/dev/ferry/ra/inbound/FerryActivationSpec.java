package dev.ferry.ra.inbound;

import dev.ferry.jms.engine.DeliveryOverrides;
import dev.ferry.jms.selector.MessageSelector;
import jakarta.jms.InvalidSelectorException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;

import java.util.ArrayList;
import java.util.List;

/**
 * How a message-driven bean is bound to Ferry: the standard activation-config properties of Jakarta Messaging 3.1
 * §13 and Jakarta Enterprise Beans 4.0 §5.4.17 ({@code destinationLookup}, {@code destinationType},
 * {@code messageSelector}, {@code acknowledgeMode}, {@code subscriptionDurability}, {@code subscriptionName},
 * {@code clientId}, {@code connectionFactoryLookup}), {@code destination} (a physical name, for applications that
 * bind no admin object), {@code maxSession} (how many sessions deliver concurrently) and the bean's own redelivery
 * settings {@code maxDeliveryAttempts} and {@code redeliveryDelay}, which win over the destination's policy.
 *
 * <p>{@link #validate()} reports every mistake at once, so a deployment fails with the whole list.
 */
public class FerryActivationSpec implements ActivationSpec, ResourceAdapterAssociation {

    public static final String QUEUE = "jakarta.jms.Queue";
    public static final String TOPIC = "jakarta.jms.Topic";
    public static final String AUTO_ACKNOWLEDGE = "Auto-acknowledge";
    public static final String DUPS_OK_ACKNOWLEDGE = "Dups-ok-acknowledge";
    public static final String DURABLE = "Durable";
    public static final String NON_DURABLE = "NonDurable";

    private String destinationLookup;
    private String destination;
    private String destinationType;
    private String messageSelector;
    private String acknowledgeMode = AUTO_ACKNOWLEDGE;
    private String subscriptionDurability = NON_DURABLE;
    private String subscriptionName;
    private String clientId;
    private String connectionFactoryLookup;
    private Integer maxSession = 4;
    private Integer receiveTimeout = 1_000;
    private Integer maxDeliveryAttempts;
    private Long redeliveryDelay;
    private ResourceAdapter resourceAdapter;

    @Override
    public void validate() throws InvalidPropertyException {
        List<String> problems = new ArrayList<>();
        if (isBlank(destinationLookup) && isBlank(destination)) {
            problems.add("destinationLookup (JNDI name of a Queue or Topic) or destination (its physical name) "
                    + "must be set");
        }
        if (destinationType != null && !QUEUE.equals(destinationType) && !TOPIC.equals(destinationType)
                && !"javax.jms.Queue".equals(destinationType) && !"javax.jms.Topic".equals(destinationType)) {
            problems.add("destinationType is '" + destinationType + "'; expected " + QUEUE + " or " + TOPIC);
        }
        if (!AUTO_ACKNOWLEDGE.equalsIgnoreCase(acknowledgeMode) && !DUPS_OK_ACKNOWLEDGE.equalsIgnoreCase(acknowledgeMode)) {
            problems.add("acknowledgeMode is '" + acknowledgeMode + "'; expected " + AUTO_ACKNOWLEDGE + " or "
                    + DUPS_OK_ACKNOWLEDGE);
        }
        if (!DURABLE.equalsIgnoreCase(subscriptionDurability) && !NON_DURABLE.equalsIgnoreCase(subscriptionDurability)) {
            problems.add("subscriptionDurability is '" + subscriptionDurability + "'; expected " + DURABLE + " or "
                    + NON_DURABLE);
        } else if (isDurable()) {
            if (destinationType != null && !isTopic()) {
                problems.add("subscriptionDurability Durable needs destinationType " + TOPIC);
            }
            if (isBlank(subscriptionName)) {
                problems.add("subscriptionDurability Durable needs a subscriptionName");
            }
            if (isBlank(clientId)) {
                problems.add("subscriptionDurability Durable needs a clientId (a durable subscription is named by "
                        + "client identifier and subscription name, Jakarta Messaging 3.1 §6.11.1)");
            }
        }
        if (maxSession == null || maxSession < 1) {
            problems.add("maxSession is " + maxSession + "; it must be at least 1");
        }
        if (receiveTimeout == null || receiveTimeout < 1) {
            problems.add("receiveTimeout is " + receiveTimeout + "; it must be at least 1 (milliseconds)");
        }
        if (maxDeliveryAttempts != null && maxDeliveryAttempts < 1) {
            problems.add("maxDeliveryAttempts is " + maxDeliveryAttempts + "; it must be at least 1");
        }
        if (redeliveryDelay != null && redeliveryDelay < 0) {
            problems.add("redeliveryDelay is " + redeliveryDelay + "; it must not be negative (milliseconds)");
        }
        if (!isBlank(messageSelector)) {
            try {
                MessageSelector.parse(messageSelector);
            } catch (InvalidSelectorException e) {
                problems.add("messageSelector is invalid: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPropertyException("Ferry cannot activate the message-driven bean: "
                    + String.join("; ", problems));
        }
    }

    boolean isTopic() {
        return TOPIC.equals(destinationType) || "javax.jms.Topic".equals(destinationType);
    }

    boolean isDurable() {
        return DURABLE.equalsIgnoreCase(subscriptionDurability);
    }

    /**
     * A topic subscription has one consumer (the subscription would otherwise be created once per session and
     * each message delivered once per session); a queue has {@code maxSession}.
     */
    int effectiveSessions() {
        return isTopic() ? 1 : maxSession;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    // ---- properties ---------------------------------------------------------------------------------------

    public String getDestinationLookup() {
        return destinationLookup;
    }

    public void setDestinationLookup(String destinationLookup) {
        this.destinationLookup = destinationLookup;
    }

    public String getDestination() {
        return destination;
    }

    public void setDestination(String destination) {
        this.destination = destination;
    }

    public String getDestinationType() {
        return destinationType;
    }

    public void setDestinationType(String destinationType) {
        this.destinationType = destinationType;
    }

    public String getMessageSelector() {
        return messageSelector;
    }

    public void setMessageSelector(String messageSelector) {
        this.messageSelector = messageSelector;
    }

    public String getAcknowledgeMode() {
        return acknowledgeMode;
    }

    public void setAcknowledgeMode(String acknowledgeMode) {
        this.acknowledgeMode = acknowledgeMode;
    }

    public String getSubscriptionDurability() {
        return subscriptionDurability;
    }

    public void setSubscriptionDurability(String subscriptionDurability) {
        this.subscriptionDurability = subscriptionDurability;
    }

    public String getSubscriptionName() {
        return subscriptionName;
    }

    public void setSubscriptionName(String subscriptionName) {
        this.subscriptionName = subscriptionName;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    /**
     * JNDI name of one of the adapter's connection factories, checked when the bean is activated; anything else
     * fails the deployment, because the bean always consumes through the adapter's own broker.
     */
    public String getConnectionFactoryLookup() {
        return connectionFactoryLookup;
    }

    public void setConnectionFactoryLookup(String connectionFactoryLookup) {
        this.connectionFactoryLookup = connectionFactoryLookup;
    }

    public Integer getMaxSession() {
        return maxSession;
    }

    public void setMaxSession(Integer maxSession) {
        this.maxSession = maxSession;
    }

    /** How long (milliseconds) an idle session waits for a message before it checks whether it should stop. */
    public Integer getReceiveTimeout() {
        return receiveTimeout;
    }

    public void setReceiveTimeout(Integer receiveTimeout) {
        this.receiveTimeout = receiveTimeout;
    }

    /**
     * Deliveries of a message to this bean (the first included) before it goes to the dead-letter queue; unset:
     * the destination's policy, else {@code ferry.redelivery.maxAttempts}.
     */
    public Integer getMaxDeliveryAttempts() {
        return maxDeliveryAttempts;
    }

    public void setMaxDeliveryAttempts(Integer maxDeliveryAttempts) {
        this.maxDeliveryAttempts = maxDeliveryAttempts;
    }

    /**
     * Milliseconds before a message the bean failed comes back (before backoff); unset: the destination's policy,
     * else {@code ferry.redelivery.delay}.
     */
    public Long getRedeliveryDelay() {
        return redeliveryDelay;
    }

    public void setRedeliveryDelay(Long redeliveryDelay) {
        this.redeliveryDelay = redeliveryDelay;
    }

    /** What the bean's sessions impose over the destination's redelivery policy. */
    DeliveryOverrides deliveryOverrides() {
        return new DeliveryOverrides(maxDeliveryAttempts, redeliveryDelay);
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) throws ResourceException {
        this.resourceAdapter = resourceAdapter;
    }

    @Override
    public String toString() {
        return "FerryActivationSpec[" + (destinationLookup != null ? destinationLookup : destination)
                + ", type=" + destinationType + ", selector=" + messageSelector + ", durability="
                + subscriptionDurability + ", subscription=" + subscriptionName + ", clientId=" + clientId
                + ", maxSession=" + maxSession + ", maxDeliveryAttempts=" + maxDeliveryAttempts
                + ", redeliveryDelay=" + redeliveryDelay + "]";
    }
}
