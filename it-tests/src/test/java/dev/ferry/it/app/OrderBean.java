package dev.ferry.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** A plain, portable MDB: no vendor annotation, the server's default resource adapter (Ferry) runs it. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/ferry/queue/Sample"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        // one of the adapter's own factories: accepted (any other value fails the deployment, ActivationValidationIT)
        @ActivationConfigProperty(propertyName = "connectionFactoryLookup", propertyValue = "java:/jms/ferry/ConnectionFactory")
})
public class OrderBean implements MessageListener {

    @EJB
    private Deliveries deliveries;

    @Override
    public void onMessage(Message message) {
        deliveries.record("orders", message);
    }
}
