package dev.ferry.it.invalid;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Names a JNDI object that is not one of Ferry's connection factories (here: a queue) as its factory. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/ferry/queue/Sample"),
        @ActivationConfigProperty(propertyName = "connectionFactoryLookup", propertyValue = "java:/jms/ferry/topic/Sample")
})
public class ForeignFactoryBean implements MessageListener {

    @Override
    public void onMessage(Message message) {
        throw new AssertionError("a bean with a foreign connectionFactoryLookup must never be activated");
    }
}
