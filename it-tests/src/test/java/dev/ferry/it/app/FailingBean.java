package dev.ferry.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Fails every delivery by throwing: the container rolls the transaction back. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.failing"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
public class FailingBean implements MessageListener {

    @EJB
    private Deliveries deliveries;

    @Override
    public void onMessage(Message message) {
        deliveries.record("failing", message);
        throw new IllegalStateException("this bean fails every message (test)");
    }
}
