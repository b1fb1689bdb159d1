package dev.ferry.jms.spec.message;

import dev.ferry.jms.spec.BrokerSpec;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JMS 3.1 §3: every message type, its headers and properties, sent through the store and received intact. */
class MessageRoundTripSpec extends BrokerSpec {

    private Session session;
    private Queue queue;
    private MessageConsumer consumer;

    @BeforeEach
    void openSession() throws JMSException {
        session = startedConnection().createSession();
        queue = queue();
        consumer = session.createConsumer(queue);
    }

    private <M extends Message> M roundTrip(Message message, Class<M> type) throws JMSException {
        session.createProducer(queue).send(message);
        return type.cast(receive(consumer));
    }

    @Test
    void textMessageArrivesWithItsText() throws JMSException {
        String text = "Grüße, 世界 — \uD83D\uDE80";

        TextMessage received = roundTrip(session.createTextMessage(text), TextMessage.class);

        assertThat(received.getText()).isEqualTo(text);
    }

    @Test
    void textMessageWithoutTextArrivesWithoutText() throws JMSException {
        assertThat(roundTrip(session.createTextMessage(), TextMessage.class).getText()).isNull();
    }

    @Test
    void bytesMessageArrivesWithItsBytes() throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeInt(42);
        message.writeUTF("bytes");
        message.writeBytes(new byte[] {1, 2, 3});

        BytesMessage received = roundTrip(message, BytesMessage.class);

        assertThat(received.getBodyLength()).isEqualTo(4 + 2 + 5 + 3);
        assertThat(received.readInt()).isEqualTo(42);
        assertThat(received.readUTF()).isEqualTo("bytes");
        byte[] rest = new byte[3];
        assertThat(received.readBytes(rest)).isEqualTo(3);
        assertThat(rest).containsExactly(1, 2, 3);
    }

    @Test
    void mapMessageArrivesWithItsEntries() throws JMSException {
        MapMessage message = session.createMapMessage();
        message.setString("name", "ferry");
        message.setInt("count", 7);
        message.setDouble("ratio", 0.5);
        message.setBytes("raw", new byte[] {9, 8});
        message.setBoolean("flag", true);

        MapMessage received = roundTrip(message, MapMessage.class);

        assertThat(received.getString("name")).isEqualTo("ferry");
        assertThat(received.getInt("count")).isEqualTo(7);
        assertThat(received.getDouble("ratio")).isEqualTo(0.5);
        assertThat(received.getBytes("raw")).containsExactly(9, 8);
        assertThat(received.getBoolean("flag")).isTrue();
    }

    @Test
    void streamMessageArrivesWithItsValuesInOrder() throws JMSException {
        StreamMessage message = session.createStreamMessage();
        message.writeString("first");
        message.writeLong(2L);
        message.writeChar('3');
        message.writeObject(null);

        StreamMessage received = roundTrip(message, StreamMessage.class);

        assertThat(received.readString()).isEqualTo("first");
        assertThat(received.readLong()).isEqualTo(2L);
        assertThat(received.readChar()).isEqualTo('3');
        assertThat(received.readObject()).isNull();
    }

    @Test
    void objectMessageArrivesWithItsObject() throws JMSException {
        ArrayList<String> object = new ArrayList<>(List.of("a", "b"));

        ObjectMessage received = roundTrip(session.createObjectMessage(object), ObjectMessage.class);

        assertThat(received.getObject()).isEqualTo(object);
    }

    @Test
    void plainMessageArrivesWithItsProperties() throws JMSException {
        Message message = session.createMessage();
        message.setStringProperty("kind", "plain");

        Message received = roundTrip(message, Message.class);

        assertThat(received.getStringProperty("kind")).isEqualTo("plain");
        assertThat(received.getBody(Object.class)).isNull();
    }

    @Test
    void propertiesOfEveryTypeSurviveTheStore() throws JMSException {
        Message message = session.createMessage();
        message.setBooleanProperty("b", true);
        message.setByteProperty("y", (byte) -3);
        message.setShortProperty("s", (short) 300);
        message.setIntProperty("i", 70_000);
        message.setLongProperty("l", 1L << 40);
        message.setFloatProperty("f", 1.5f);
        message.setDoubleProperty("d", 2.25);
        message.setStringProperty("t", "text");

        Message received = roundTrip(message, Message.class);

        assertThat(received.getObjectProperty("b")).isEqualTo(true);
        assertThat(received.getObjectProperty("y")).isEqualTo((byte) -3);
        assertThat(received.getObjectProperty("s")).isEqualTo((short) 300);
        assertThat(received.getObjectProperty("i")).isEqualTo(70_000);
        assertThat(received.getObjectProperty("l")).isEqualTo(1L << 40);
        assertThat(received.getObjectProperty("f")).isEqualTo(1.5f);
        assertThat(received.getObjectProperty("d")).isEqualTo(2.25);
        assertThat(received.getObjectProperty("t")).isEqualTo("text");
    }

    @Test
    void correlationIdTypeAndReplyToSurviveTheStore() throws JMSException {
        Queue replyTo = queue("replies");
        Message message = session.createTextMessage("request");
        message.setJMSCorrelationID("order-17");
        message.setJMSType("OrderPlaced");
        message.setJMSReplyTo(replyTo);

        Message received = roundTrip(message, Message.class);

        assertThat(received.getJMSCorrelationID()).isEqualTo("order-17");
        assertThat(received.getJMSType()).isEqualTo("OrderPlaced");
        assertThat(received.getJMSReplyTo()).isEqualTo(replyTo);
    }

    @Test
    void correlationIdBytesSurviveTheStore() throws JMSException {
        Message message = session.createMessage();
        message.setJMSCorrelationIDAsBytes(new byte[] {1, 2, 3});

        assertThat(roundTrip(message, Message.class).getJMSCorrelationIDAsBytes()).containsExactly(1, 2, 3);
    }

    @Test
    void messageGroupPropertiesSurviveTheStore() throws JMSException {
        Message message = session.createMessage();
        message.setStringProperty("JMSXGroupID", "basket-9");
        message.setIntProperty("JMSXGroupSeq", 3);

        Message received = roundTrip(message, Message.class);

        assertThat(received.getStringProperty("JMSXGroupID")).isEqualTo("basket-9");
        assertThat(received.getIntProperty("JMSXGroupSeq")).isEqualTo(3);
    }

    @Test
    void firstDeliveryHasDeliveryCountOne() throws JMSException {
        Message received = roundTrip(session.createMessage(), Message.class);

        assertThat(received.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        assertThat(received.getJMSRedelivered()).isFalse();
    }

    @Test
    void receivedMessageIsReadOnlyUntilCleared() throws JMSException {
        TextMessage received = roundTrip(session.createTextMessage("fixed"), TextMessage.class);

        assertThatThrownBy(() -> received.setText("changed")).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> received.setStringProperty("p", "v")).isInstanceOf(MessageNotWriteableException.class);

        received.clearBody();
        received.setText("changed");
        assertThat(received.getText()).isEqualTo("changed");
    }

    @Test
    void receivedMessageCanBeSentOnAsItIs() throws JMSException {
        TextMessage received = roundTrip(session.createTextMessage("forward me"), TextMessage.class);
        Queue next = queue("next");

        session.createProducer(next).send(received);

        assertThat(received.getJMSDestination()).isEqualTo(next);
        assertThat(drainTexts(next)).containsExactly("forward me");
    }
}
