package dev.ferry.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Takes its time over each message, so that concurrent deliveries overlap and can be counted. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.slow"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
public class SlowBean implements MessageListener {

    public static final int MAX_SESSION = 4;

    @EJB
    private Deliveries deliveries;

    @Override
    public void onMessage(Message message) {
        deliveries.enter("slow");
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deliveries.leave("slow");
        }
        deliveries.record("slow", message);
    }
}
