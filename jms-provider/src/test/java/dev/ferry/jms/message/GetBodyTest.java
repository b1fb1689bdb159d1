package dev.ferry.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code Message.getBody(Class)} and {@code isBodyAssignableTo(Class)} for every body type (JMS 3.1 §3.11.6). */
class GetBodyTest {

    @Test
    void textBodyIsAssignableToStringAndItsSupertypes() throws JMSException {
        FerryTextMessage message = new FerryTextMessage("hi");
        assertThat(message.getBody(String.class)).isEqualTo("hi");
        assertThat(message.getBody(CharSequence.class)).isEqualTo("hi");
        assertThat(message.getBody(Object.class)).isEqualTo("hi");
        assertThat(message.isBodyAssignableTo(String.class)).isTrue();
        assertThat(message.isBodyAssignableTo(Integer.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(Integer.class)).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("java.lang.Integer");
    }

    @Test
    void bytesBodyIsAByteArray() throws JMSException {
        FerryBytesMessage message = new FerryBytesMessage();
        message.writeBytes(new byte[] {1, 2});
        assertThat(message.getBody(byte[].class)).containsExactly(1, 2);
        assertThat(message.getBody(Object.class)).isInstanceOf(byte[].class);
        assertThat(message.isBodyAssignableTo(byte[].class)).isTrue();
        assertThat(message.isBodyAssignableTo(String.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(String.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void getBodyOfABytesMessageLeavesItsPositionAlone() throws JMSException {
        FerryBytesMessage message = Received.copyOf(bytes(1, 2, 3));
        assertThat(message.readByte()).isEqualTo((byte) 1);
        assertThat(message.getBody(byte[].class)).containsExactly(1, 2, 3);
        assertThat(message.readByte()).isEqualTo((byte) 2);
    }

    @Test
    void mapBodyIsAMapCopy() throws JMSException {
        FerryMapMessage message = new FerryMapMessage();
        message.setInt("n", 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = message.getBody(Map.class);
        assertThat(body).containsEntry("n", 1);
        body.put("other", 2);
        assertThat(message.itemExists("other")).isFalse();
        assertThat(message.isBodyAssignableTo(Map.class)).isTrue();
        assertThat(message.isBodyAssignableTo(List.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(String.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void objectBodyIsAssignableToItsClassAndSupertypes() throws JMSException {
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        FerryObjectMessage message = new FerryObjectMessage(list);
        assertThat(message.getBody(ArrayList.class)).isEqualTo(list);
        assertThat(message.getBody(Serializable.class)).isEqualTo(list);
        assertThat(message.getBody(List.class)).isEqualTo(list);
        assertThat(message.isBodyAssignableTo(List.class)).isTrue();
        assertThat(message.isBodyAssignableTo(Map.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(Map.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void objectBodyOfANotAllowedClassIsAFormatExceptionForBothMethods() throws JMSException {
        FerryObjectMessage received = Received.copyOf(new FerryObjectMessage(new Gadget("x")));
        assertThatThrownBy(() -> received.getBody(Object.class)).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(ObjectMessageAllowList.PROPERTY);
        assertThatThrownBy(() -> received.isBodyAssignableTo(Object.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void messagesWithoutBodyAnswerNullForAnyType() throws JMSException {
        List<FerryMessage> empty = List.of(new FerryPlainMessage(), new FerryTextMessage(), new FerryBytesMessage(),
                new FerryMapMessage(), new FerryObjectMessage());
        for (FerryMessage message : empty) {
            assertThat(message.getBody(Integer.class)).as(message.toString()).isNull();
            assertThat(message.isBodyAssignableTo(Integer.class)).as(message.toString()).isTrue();
            FerryMessage received = Received.copyOf(message);
            assertThat(received.getBody(Thread.class)).as(received.toString()).isNull();
        }
    }

    @Test
    void streamMessageBodyIsNeverAssignable() throws JMSException {
        FerryStreamMessage message = new FerryStreamMessage();
        assertThat(message.isBodyAssignableTo(Object.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(Object.class)).isInstanceOf(MessageFormatException.class);
        message.writeInt(1);
        assertThat(message.isBodyAssignableTo(Object.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(Object.class)).isInstanceOf(MessageFormatException.class);
    }

    private static FerryBytesMessage bytes(int... values) throws JMSException {
        FerryBytesMessage message = new FerryBytesMessage();
        for (int value : values) {
            message.writeByte((byte) value);
        }
        return message;
    }
}
