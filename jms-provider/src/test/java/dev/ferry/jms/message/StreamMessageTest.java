package dev.ferry.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** StreamMessage reading rules beyond the conversion table (JMS 3.1 {@code StreamMessage}). */
class StreamMessageTest {

    @Test
    void readBytesReadsALongFieldInPiecesThenAnswersMinusOne() throws JMSException {
        FerryStreamMessage message = stream(new byte[] {1, 2, 3, 4, 5}, "after");
        byte[] buffer = new byte[2];
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(1, 2);
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(3, 4);
        assertThat(message.readBytes(buffer)).isEqualTo(1);
        assertThat(buffer[0]).isEqualTo((byte) 5);
        assertThat(message.readString()).isEqualTo("after");
    }

    @Test
    void readBytesThatFillsTheBufferExactlyNeedsOneMoreCallReturningMinusOne() throws JMSException {
        FerryStreamMessage message = stream(new byte[] {1, 2}, "after");
        byte[] buffer = new byte[2];
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThatThrownBy(message::readString).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("partly read");
        assertThat(message.readBytes(buffer)).isEqualTo(-1);
        assertThat(message.readString()).isEqualTo("after");
    }

    @Test
    void readBytesOfAnEmptyArrayReturnsZeroAndMovesOn() throws JMSException {
        FerryStreamMessage message = stream(new byte[0], "after");
        assertThat(message.readBytes(new byte[4])).isZero();
        assertThat(message.readString()).isEqualTo("after");
    }

    @Test
    void readBytesOfANullFieldReturnsMinusOne() throws JMSException {
        FerryStreamMessage message = stream(null, "after");
        assertThat(message.readBytes(new byte[4])).isEqualTo(-1);
        assertThat(message.readString()).isEqualTo("after");
    }

    @Test
    void readingPastTheEndIsAnEofException() throws JMSException {
        FerryStreamMessage message = stream("only");
        message.readString();
        assertThatThrownBy(message::readString).isInstanceOf(MessageEOFException.class);
        assertThatThrownBy(message::readObject).isInstanceOf(MessageEOFException.class);
        assertThatThrownBy(() -> message.readBytes(new byte[1])).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void nullFieldReadsAsValueOfNull() throws JMSException {
        FerryStreamMessage message = stream(null, null, null, null, null);
        assertThatThrownBy(message::readInt).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(message::readChar).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(message::readDouble).isInstanceOf(NullPointerException.class);
        assertThat(message.readBoolean()).isFalse();
        assertThat(message.readString()).isNull();
        assertThat(message.readObject()).isNull();
        assertThat(message.readBytes(new byte[1])).isEqualTo(-1);
        assertThatThrownBy(message::readLong).isInstanceOf(NumberFormatException.class);
        assertThat(message.readObject()).isNull();
    }

    @Test
    void failedNumberParseLeavesThePositionForAnotherTry() throws JMSException {
        FerryStreamMessage message = stream("abc");
        assertThatThrownBy(message::readInt).isInstanceOf(NumberFormatException.class);
        assertThat(message.readString()).isEqualTo("abc");
    }

    @Test
    void writeObjectRefusesOtherTypes() {
        FerryStreamMessage message = new FerryStreamMessage();
        assertThatThrownBy(() -> message.writeObject(new java.util.Date())).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("java.util.Date");
    }

    @Test
    void writtenBytesAreCopied() throws JMSException {
        byte[] data = {1, 2, 3};
        FerryStreamMessage message = new FerryStreamMessage();
        message.writeBytes(data);
        message.writeBytes(data, 1, 2);
        data[0] = 9;
        message.reset();
        assertThat((byte[]) message.readObject()).containsExactly(1, 2, 3);
        byte[] part = (byte[]) message.readObject();
        assertThat(part).containsExactly(2, 3);
    }

    private static FerryStreamMessage stream(Object... fields) throws JMSException {
        FerryStreamMessage message = new FerryStreamMessage();
        for (Object field : fields) {
            message.writeObject(field);
        }
        message.reset();
        return message;
    }
}
