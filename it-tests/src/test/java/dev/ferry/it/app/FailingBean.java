package dev.ferry.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Fails every delivery by throwing: the container rolls the transaction back, and with it the message this bean
 * sent through the pooled factory in the same transaction.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.failing"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
public class FailingBean implements MessageListener {

    @EJB
    private Deliveries deliveries;

    @Inject
    private JMSContext context;

    @Override
    public void onMessage(Message message) {
        deliveries.record("failing", message);
        context.createProducer().send(context.createQueue("it.failing.effects"), "must roll back");
        throw new IllegalStateException("this bean fails every message (test)");
    }
}
