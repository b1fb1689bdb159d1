package dev.ferry.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/** Answers each request with its text in upper case, to the request's reply-to, correlated by message ID. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.requests"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
public class UppercaseBean implements MessageListener {

    // java:comp/DefaultJMSConnectionFactory, which the server binds to Ferry's pooled factory
    @Inject
    private JMSContext context;

    @Override
    public void onMessage(Message message) {
        try {
            String text = ((TextMessage) message).getText();
            context.createProducer()
                    .setJMSCorrelationID(message.getJMSMessageID())
                    .send(message.getJMSReplyTo(), text.toUpperCase());
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
