package dev.ferry.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Fails every delivery, with its own redelivery settings: two attempts and no delay, where the server's default
 * is three attempts (ferry.redelivery.maxAttempts=3 on the test server).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.impatient"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxDeliveryAttempts", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "redeliveryDelay", propertyValue = "0")
})
public class ImpatientBean implements MessageListener {

    @EJB
    private Deliveries deliveries;

    @Override
    public void onMessage(Message message) {
        deliveries.record("impatient", message);
        throw new IllegalStateException("this bean fails every message (test)");
    }
}
