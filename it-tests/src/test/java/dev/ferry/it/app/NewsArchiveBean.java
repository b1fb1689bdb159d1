package dev.ferry.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/** A durable subscriber of the news topic: forwards every item to it.news.seen, in the delivery's transaction. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.news"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
        @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "news-archive"),
        @ActivationConfigProperty(propertyName = "clientId", propertyValue = "it-news-archive")
})
public class NewsArchiveBean implements MessageListener {

    @Inject
    @JMSConnectionFactory("java:/jms/ferry/ConnectionFactory")
    private JMSContext context;

    @Override
    public void onMessage(Message message) {
        try {
            context.createProducer().send(context.createQueue("it.news.seen"), ((TextMessage) message).getText());
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
