package dev.ferry.jms.spec.browser;

import dev.ferry.jms.spec.BrokerSpec;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JMS 3.1 §6.2.9: looking at a queue's messages without consuming them. */
class BrowserSpec extends BrokerSpec {

    private static List<String> texts(QueueBrowser browser) throws JMSException {
        List<String> texts = new ArrayList<>();
        Enumeration<?> messages = browser.getEnumeration();
        while (messages.hasMoreElements()) {
            texts.add(((TextMessage) messages.nextElement()).getText());
        }
        return texts;
    }

    @Test
    void browserShowsMessagesWithoutConsumingThem() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "1", "2", "3");
        QueueBrowser browser = connection().createSession().createBrowser(queue);

        assertThat(texts(browser)).containsExactly("1", "2", "3");
        assertThat(texts(browser)).containsExactly("1", "2", "3");
        assertThat(drainTexts(queue)).containsExactly("1", "2", "3");
    }

    @Test
    void browserShowsMessagesInDeliveryOrder() throws JMSException {
        Queue queue = queue();
        Session session = connection().createSession();
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("low"), DeliveryMode.PERSISTENT, 0, 0);
        producer.send(session.createTextMessage("high"), DeliveryMode.PERSISTENT, 9, 0);

        assertThat(texts(session.createBrowser(queue))).containsExactly("high", "low");
    }

    @Test
    void browserOfAnEmptyQueueHasNoElements() throws JMSException {
        Enumeration<?> messages = connection().createSession().createBrowser(queue()).getEnumeration();

        assertThat(messages.hasMoreElements()).isFalse();
        assertThatThrownBy(messages::nextElement).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void browserSkipsExpiredMessages() throws Exception {
        Queue queue = queue();
        Session session = connection().createSession();
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("expired"), DeliveryMode.PERSISTENT, 4, 1);
        producer.send(session.createTextMessage("alive"));
        Thread.sleep(20); // past the first message's one-millisecond life

        assertThat(texts(session.createBrowser(queue))).containsExactly("alive");
    }

    @Test
    void browserSkipsMessagesWhoseDeliveryTimeHasNotCome() throws JMSException {
        Queue queue = queue();
        Session session = connection().createSession();
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryDelay(60_000);
        producer.send(session.createTextMessage("tomorrow"));
        producer.setDeliveryDelay(0);
        producer.send(session.createTextMessage("today"));

        assertThat(texts(session.createBrowser(queue))).containsExactly("today");
    }

    @Test
    void browserShowsMessagesInFlightToAConsumer() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "held");
        receive(session(Session.CLIENT_ACKNOWLEDGE).createConsumer(queue));

        assertThat(texts(connection().createSession().createBrowser(queue))).containsExactly("held");
    }

    @Test
    void browserPagesThroughALongQueue() throws JMSException {
        Queue queue = queue();
        String[] sent = new String[250];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = "m" + i;
        }
        sendTexts(queue, sent);

        assertThat(texts(connection().createSession().createBrowser(queue))).containsExactly(sent);
    }

    @Test
    void browsedMessagesAreReadOnly() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "look");
        Message message = (Message) connection().createSession().createBrowser(queue).getEnumeration().nextElement();

        assertThatThrownBy(() -> ((TextMessage) message).setText("touch"))
                .isInstanceOf(MessageNotWriteableException.class);
    }

    @Test
    void browserKnowsItsQueue() throws JMSException {
        Queue queue = queue();
        QueueBrowser browser = connection().createSession().createBrowser(queue);

        assertThat(browser.getQueue()).isEqualTo(queue);
        assertThat(browser.getMessageSelector()).isNull();
    }

    @Test
    void browserWithAnInvalidSelectorIsRefusedAtCreation() throws JMSException {
        Session session = connection().createSession();

        assertThatThrownBy(() -> session.createBrowser(queue(), "size >"))
                .isInstanceOf(InvalidSelectorException.class);
    }

    @Test
    void closedBrowserThrowsIllegalStateException() throws JMSException {
        QueueBrowser browser = connection().createSession().createBrowser(queue());
        browser.close();

        assertThatThrownBy(browser::getEnumeration).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(browser::getQueue).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(browser::getMessageSelector).isInstanceOf(IllegalStateException.class);
    }
}
