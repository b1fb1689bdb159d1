package dev.ferry.jms.spec.transactions;

import dev.ferry.jms.spec.BrokerSpec;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JMS 3.1 §6.2.8: a transacted session's sends and receives commit or roll back together. */
class TransactionSpec extends BrokerSpec {

    @Test
    void transactedSendIsInvisibleUntilCommit() throws JMSException {
        Queue queue = queue();
        Session session = connection().createSession(Session.SESSION_TRANSACTED);
        session.createProducer(queue).send(session.createTextMessage("pending"));
        MessageConsumer observer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);

        assertThat(observer.receiveNoWait()).isNull();

        session.commit();
        assertThat(receiveText(observer)).isEqualTo("pending");
    }

    @Test
    void rolledBackSendIsDiscarded() throws JMSException {
        Queue queue = queue();
        Session session = connection().createSession(Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("discarded"));

        session.rollback();
        producer.send(session.createTextMessage("kept"));
        session.commit();

        assertThat(drainTexts(queue)).containsExactly("kept");
    }

    @Test
    void committedReceiveIsConsumed() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "consumed");
        Session session = session(Session.SESSION_TRANSACTED);
        receive(session.createConsumer(queue));

        session.commit();
        session.close();

        assertThat(drainTexts(queue)).isEmpty();
    }

    @Test
    void rolledBackReceiveIsRedeliveredWithIncrementedDeliveryCount() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "again");
        Session session = session(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(queue);
        Message first = receive(consumer);
        assertThat(first.getJMSRedelivered()).isFalse();

        session.rollback();

        Message second = receive(consumer);
        assertThat(((TextMessage) second).getText()).isEqualTo("again");
        assertThat(second.getJMSRedelivered()).isTrue();
        assertThat(second.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        session.commit();
    }

    @Test
    void rollbackRedeliversInTheOriginalOrderAheadOfPrefetchedMessages() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "1", "2", "3");
        Session session = session(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(receiveText(consumer)).isEqualTo("1");

        session.rollback();

        assertThat(receiveText(consumer)).isEqualTo("1");
        assertThat(receiveText(consumer)).isEqualTo("2");
        assertThat(receiveText(consumer)).isEqualTo("3");
        session.commit();
    }

    @Test
    void commitAppliesSendsAndAcknowledgementsTogether() throws JMSException {
        Queue in = queue("in");
        Queue out = queue("out");
        sendTexts(in, "work");
        Session session = session(Session.SESSION_TRANSACTED);
        Message work = receive(session.createConsumer(in));
        session.createProducer(out).send(session.createTextMessage("result of " + ((TextMessage) work).getText()));

        session.commit();
        session.close();

        assertThat(drainTexts(in)).isEmpty();
        assertThat(drainTexts(out)).containsExactly("result of work");
    }

    @Test
    void rollbackUndoesSendsAndReceivesTogether() throws JMSException {
        Queue in = queue("in");
        Queue out = queue("out");
        sendTexts(in, "work");
        Session session = session(Session.SESSION_TRANSACTED);
        receive(session.createConsumer(in));
        session.createProducer(out).send(session.createTextMessage("result"));

        session.rollback();
        session.close();

        assertThat(drainTexts(out)).isEmpty();
        assertThat(drainTexts(in)).containsExactly("work");
    }

    @Test
    void closingATransactedSessionRollsBack() throws JMSException {
        Queue in = queue("in");
        Queue out = queue("out");
        sendTexts(in, "work");
        Session session = session(Session.SESSION_TRANSACTED);
        receive(session.createConsumer(in));
        session.createProducer(out).send(session.createTextMessage("never"));

        session.close();

        assertThat(drainTexts(out)).isEmpty();
        assertThat(drainTexts(in)).containsExactly("work");
    }

    @Test
    void closingTheConnectionRollsBackItsTransactions() throws JMSException {
        Queue out = queue();
        Connection connection = connection();
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        session.createProducer(out).send(session.createTextMessage("never"));

        connection.close();

        assertThat(drainTexts(out)).isEmpty();
    }

    @Test
    void listenerInATransactedSessionCommitsItsOwnWork() throws Exception {
        Queue in = queue("in");
        Queue out = queue("out");
        Session session = session(Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(out);
        CountDownLatch committed = new CountDownLatch(1);
        session.createConsumer(in).setMessageListener(message -> {
            try {
                producer.send(session.createTextMessage("forwarded"));
                session.commit();
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
            committed.countDown();
        });

        sendTexts(in, "trigger");

        assertThat(committed.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(drainTexts(out)).containsExactly("forwarded");
        assertThat(drainTexts(in)).isEmpty();
    }

    @Test
    void aSessionRunsOneTransactionAfterAnother() throws JMSException {
        Queue queue = queue();
        Session session = connection().createSession(Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(queue);

        producer.send(session.createTextMessage("1"));
        session.commit();
        producer.send(session.createTextMessage("2"));
        session.rollback();
        producer.send(session.createTextMessage("3"));
        session.commit();

        assertThat(drainTexts(queue)).containsExactly("1", "3");
    }

    @Test
    void commitOnAClosedSessionIsIllegal() throws JMSException {
        Session session = connection().createSession(Session.SESSION_TRANSACTED);
        session.close();

        assertThatThrownBy(session::commit).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::rollback).isInstanceOf(IllegalStateException.class);
    }
}
