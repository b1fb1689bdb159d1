package dev.ferry.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Receives only the messages its selector picks. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.selective"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = "kind = 'wanted'")
})
public class SelectiveBean implements MessageListener {

    @EJB
    private Deliveries deliveries;

    @Override
    public void onMessage(Message message) {
        deliveries.record("selective", message);
    }
}
