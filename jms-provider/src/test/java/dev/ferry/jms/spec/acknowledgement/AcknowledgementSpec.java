package dev.ferry.jms.spec.acknowledgement;

import dev.ferry.jms.spec.BrokerSpec;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JMS 3.1 §6.2.10: when a received message counts as consumed, per acknowledgement mode. */
class AcknowledgementSpec extends BrokerSpec {

    // ---- AUTO_ACKNOWLEDGE ---------------------------------------------------------------------------------

    @Test
    void autoAcknowledgedMessageIsConsumedWhenReceiveReturns() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "once");
        Connection connection = startedConnection();
        receive(connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue));

        connection.close();

        assertThat(drainTexts(queue)).isEmpty();
    }

    @Test
    void listenerThatReturnsConsumesItsMessageInAutoMode() throws Exception {
        Queue queue = queue();
        Connection connection = startedConnection();
        CountDownLatch received = new CountDownLatch(1);
        connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue)
                .setMessageListener(message -> received.countDown());
        sendTexts(queue, "handled");
        assertThat(received.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();

        connection.close();

        assertThat(drainTexts(queue)).isEmpty();
    }

    @Test
    void listenerThatThrowsGetsItsMessageAgainMarkedRedelivered() throws Exception {
        Queue queue = queue();
        List<Message> deliveries = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch twice = new CountDownLatch(2);
        session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue).setMessageListener(message -> {
            deliveries.add(message);
            twice.countDown();
            if (deliveries.size() == 1) {
                throw new RuntimeException("first attempt fails");
            }
        });

        sendTexts(queue, "retry me");

        assertThat(twice.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(deliveries.get(0).getJMSRedelivered()).isFalse();
        assertThat(deliveries.get(1).getJMSRedelivered()).isTrue();
        assertThat(deliveries.get(1).getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        assertThat(((TextMessage) deliveries.get(1)).getText()).isEqualTo("retry me");
    }

    @Test
    void acknowledgeIsIgnoredOutsideClientAcknowledgeMode() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "auto");
        Message message = receive(session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue));

        assertThatCode(message::acknowledge).doesNotThrowAnyException();
    }

    // ---- CLIENT_ACKNOWLEDGE -------------------------------------------------------------------------------

    @Test
    void acknowledgingOneMessageAcknowledgesEverythingTheSessionConsumed() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "1", "2", "3");
        Connection connection = startedConnection();
        MessageConsumer consumer = connection.createSession(Session.CLIENT_ACKNOWLEDGE).createConsumer(queue);
        receive(consumer);
        Message second = receive(consumer);
        receive(consumer);

        second.acknowledge();
        connection.close();

        assertThat(drainTexts(queue)).isEmpty();
    }

    @Test
    void unacknowledgedMessagesAreRedeliveredWhenTheSessionCloses() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "1", "2");
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        receive(consumer);
        receive(consumer);

        session.close();

        MessageConsumer again = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        Message first = receive(again);
        assertThat(((TextMessage) first).getText()).isEqualTo("1");
        assertThat(first.getJMSRedelivered()).isTrue();
        assertThat(first.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        assertThat(receiveText(again)).isEqualTo("2");
    }

    @Test
    void messagesReceivedAfterTheAcknowledgementStayUnacknowledged() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "1", "2");
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        receive(consumer).acknowledge();
        receive(consumer);

        session.close();

        assertThat(drainTexts(queue)).containsExactly("2");
    }

    @Test
    void recoverRedeliversUnacknowledgedMessagesStartingWithTheOldest() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "1", "2", "3");
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        receive(consumer);
        receive(consumer);

        session.recover();

        Message first = receive(consumer);
        assertThat(((TextMessage) first).getText()).isEqualTo("1");
        assertThat(first.getJMSRedelivered()).isTrue();
        assertThat(receiveText(consumer)).isEqualTo("2");
        Message third = receive(consumer);
        assertThat(((TextMessage) third).getText()).isEqualTo("3");
        assertThat(third.getJMSRedelivered()).isFalse();
        third.acknowledge();
        session.close();
        assertThat(drainTexts(queue)).isEmpty();
    }

    @Test
    void acknowledgingAfterTheSessionClosedIsIllegal() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "late");
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        Message message = receive(session.createConsumer(queue));

        session.close();

        assertThatThrownBy(message::acknowledge).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void listenerMessagesAreAcknowledgedByTheApplicationInClientMode() throws Exception {
        Queue queue = queue();
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        CountDownLatch received = new CountDownLatch(2);
        List<Message> messages = Collections.synchronizedList(new ArrayList<>());
        session.createConsumer(queue).setMessageListener(message -> {
            messages.add(message);
            received.countDown();
        });
        sendTexts(queue, "1", "2");
        assertThat(received.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();

        messages.get(0).acknowledge();
        session.close();

        assertThat(drainTexts(queue)).isEmpty();
    }

    // ---- DUPS_OK_ACKNOWLEDGE ------------------------------------------------------------------------------

    @Test
    void lazilyAcknowledgedMessagesAreConsumedByTheTimeTheSessionCloses() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "1", "2", "3", "4", "5");
        Session session = session(Session.DUPS_OK_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        for (int i = 0; i < 5; i++) {
            receive(consumer);
        }

        session.close();

        assertThat(drainTexts(queue)).isEmpty();
    }

    @Test
    void lazilyAcknowledgedListenerMessagesAreConsumed() throws Exception {
        Queue queue = queue();
        Connection connection = startedConnection();
        AtomicInteger count = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(40);
        connection.createSession(Session.DUPS_OK_ACKNOWLEDGE).createConsumer(queue).setMessageListener(message -> {
            count.incrementAndGet();
            all.countDown();
        });
        String[] texts = new String[40];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = "m" + i;
        }
        sendTexts(queue, texts);
        assertThat(all.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();

        connection.close();

        assertThat(drainTexts(queue)).isEmpty();
        assertThat(count.get()).isEqualTo(40);
    }
}
