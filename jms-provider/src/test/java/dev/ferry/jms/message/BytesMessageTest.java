package dev.ferry.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BytesMessage: the DataOutput layout, body length, end of body (JMS 3.1 {@code BytesMessage}). */
class BytesMessageTest {

    @Test
    void writesTheSameBytesAsDataOutputStream() throws JMSException, IOException {
        FerryBytesMessage message = new FerryBytesMessage();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(expected);
        message.writeBoolean(true);
        data.writeBoolean(true);
        message.writeByte((byte) -3);
        data.writeByte(-3);
        message.writeShort((short) -300);
        data.writeShort(-300);
        message.writeChar('\u20ac');
        data.writeChar('\u20ac');
        message.writeInt(Integer.MIN_VALUE);
        data.writeInt(Integer.MIN_VALUE);
        message.writeLong(Long.MIN_VALUE + 7);
        data.writeLong(Long.MIN_VALUE + 7);
        message.writeFloat(-0.0f);
        data.writeFloat(-0.0f);
        message.writeDouble(Math.PI);
        data.writeDouble(Math.PI);
        message.writeUTF("grüße \u0000 \uD83D\uDE00");
        data.writeUTF("grüße \u0000 \uD83D\uDE00");
        message.writeBytes(new byte[] {7, 8, 9}, 1, 2);
        data.write(new byte[] {7, 8, 9}, 1, 2);
        message.reset();
        assertThat(message.getBody(byte[].class)).isEqualTo(expected.toByteArray());
    }

    @Test
    void readsBackEveryWrittenType() throws JMSException {
        FerryBytesMessage message = new FerryBytesMessage();
        message.writeBoolean(false);
        message.writeByte((byte) 0xF0);
        message.writeShort((short) 0xFFFE);
        message.writeChar('\uFFFF');
        message.writeInt(-2);
        message.writeLong(Long.MAX_VALUE);
        message.writeFloat(Float.NaN);
        message.writeDouble(-0.0);
        message.writeUTF("\uD83D\uDE00x");
        message.writeObject(12);
        message.reset();
        assertThat(message.readBoolean()).isFalse();
        assertThat(message.readUnsignedByte()).isEqualTo(0xF0);
        assertThat(message.readUnsignedShort()).isEqualTo(0xFFFE);
        assertThat(message.readChar()).isEqualTo('\uFFFF');
        assertThat(message.readInt()).isEqualTo(-2);
        assertThat(message.readLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(message.readFloat()).isNaN();
        assertThat(Double.doubleToRawLongBits(message.readDouble())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(message.readUTF()).isEqualTo("\uD83D\uDE00x");
        assertThat(message.readInt()).isEqualTo(12);
    }

    @Test
    void bodyLengthCountsAllBytesWhateverThePosition() throws JMSException {
        FerryBytesMessage message = new FerryBytesMessage();
        message.writeLong(1);
        message.reset();
        message.readInt();
        assertThat(message.getBodyLength()).isEqualTo(8);
    }

    @Test
    void readingBeyondTheEndIsAnEofExceptionThatConsumesNothing() throws JMSException {
        FerryBytesMessage message = new FerryBytesMessage();
        message.writeShort((short) 1);
        message.reset();
        assertThatThrownBy(message::readInt).isInstanceOf(MessageEOFException.class);
        assertThat(message.readShort()).isEqualTo((short) 1);
        assertThatThrownBy(message::readByte).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void readBytesReturnsWhatIsLeftThenMinusOne() throws JMSException {
        FerryBytesMessage message = new FerryBytesMessage();
        message.writeBytes(new byte[] {1, 2, 3});
        message.reset();
        byte[] buffer = new byte[2];
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(message.readBytes(buffer)).isEqualTo(1);
        assertThat(buffer[0]).isEqualTo((byte) 3);
        assertThat(message.readBytes(buffer)).isEqualTo(-1);
        assertThat(message.readBytes(buffer, 1)).isEqualTo(-1);
    }

    @Test
    void readBytesWithLengthLargerThanTheBufferIsRefused() throws JMSException {
        FerryBytesMessage message = new FerryBytesMessage();
        message.writeInt(1);
        message.reset();
        assertThatThrownBy(() -> message.readBytes(new byte[2], 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void writeObjectTakesPrimitivesStringsAndBytesOnly() throws JMSException {
        FerryBytesMessage message = new FerryBytesMessage();
        assertThatThrownBy(() -> message.writeObject(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> message.writeObject(new Object())).isInstanceOf(MessageFormatException.class);
        message.writeObject(new byte[] {5});
        message.writeObject("s");
        message.reset();
        assertThat(message.readByte()).isEqualTo((byte) 5);
        assertThat(message.readUTF()).isEqualTo("s");
    }

    @Test
    void tooLongUtfStringIsRefusedWithoutWritingAnything() throws JMSException {
        FerryBytesMessage message = new FerryBytesMessage();
        assertThatThrownBy(() -> message.writeUTF("é".repeat(40_000))).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("65535");
        message.reset();
        assertThat(message.getBodyLength()).isZero();
    }

    @Test
    void malformedUtfIsAFormatException() throws JMSException {
        FerryBytesMessage message = new FerryBytesMessage();
        message.writeShort((short) 2);
        message.writeByte((byte) 0xFF);
        message.writeByte((byte) 0xFF);
        message.reset();
        assertThatThrownBy(message::readUTF).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void largeBodiesGrowTheBuffer() throws JMSException {
        FerryBytesMessage message = new FerryBytesMessage();
        for (int i = 0; i < 100_000; i++) {
            message.writeInt(i);
        }
        FerryBytesMessage received = Received.copyOf(message);
        assertThat(received.getBodyLength()).isEqualTo(400_000);
        received.readBytes(new byte[4 * 99_999]);
        assertThat(received.readInt()).isEqualTo(99_999);
    }
}
