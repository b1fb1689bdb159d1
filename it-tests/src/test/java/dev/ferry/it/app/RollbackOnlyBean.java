package dev.ferry.it.app;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Fails every delivery without throwing: it marks the container transaction for rollback. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.rollback-only"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
public class RollbackOnlyBean implements MessageListener {

    @EJB
    private Deliveries deliveries;

    @Resource
    private MessageDrivenContext context;

    @Override
    public void onMessage(Message message) {
        deliveries.record("rollback-only", message);
        context.setRollbackOnly();
    }
}
