package dev.ferry.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Read-only and write-only bodies (JMS 3.1 §3.11.1–3.11.4): a received body cannot be written until
 * {@code clearBody()}; a new BytesMessage or StreamMessage cannot be read until {@code reset()}.
 */
class BodyModesTest {

    interface BodyWrite {
        void write(FerryMessage message) throws JMSException;
    }

    /** For each body type: a new message and one write to its body. */
    private static final Map<String, Supplier<FerryMessage>> TYPES = Map.of(
            "text", FerryTextMessage::new,
            "bytes", FerryBytesMessage::new,
            "map", FerryMapMessage::new,
            "stream", FerryStreamMessage::new,
            "object", FerryObjectMessage::new);

    private static final Map<String, BodyWrite> WRITES = Map.of(
            "text", m -> ((FerryTextMessage) m).setText("t"),
            "bytes", m -> ((FerryBytesMessage) m).writeInt(1),
            "map", m -> ((FerryMapMessage) m).setInt("n", 1),
            "stream", m -> ((FerryStreamMessage) m).writeInt(1),
            "object", m -> ((FerryObjectMessage) m).setObject("o"));

    @TestFactory
    List<DynamicTest> receivedBodyIsReadOnlyUntilClearBody() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String type : TYPES.keySet()) {
            tests.add(DynamicTest.dynamicTest(type, () -> {
                FerryMessage sent = TYPES.get(type).get();
                WRITES.get(type).write(sent);
                FerryMessage received = Received.copyOf(sent);
                assertThatThrownBy(() -> WRITES.get(type).write(received))
                        .isInstanceOf(MessageNotWriteableException.class).hasMessageContaining("clearBody");
                received.clearBody();
                WRITES.get(type).write(received);
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> newMessageBodyIsWritable() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String type : TYPES.keySet()) {
            tests.add(DynamicTest.dynamicTest(type, () -> {
                FerryMessage message = TYPES.get(type).get();
                WRITES.get(type).write(message);
                WRITES.get(type).write(message);
            }));
        }
        return tests;
    }

    @Test
    void newBytesMessageIsWriteOnlyUntilReset() throws JMSException {
        FerryBytesMessage message = new FerryBytesMessage();
        message.writeInt(7);
        assertThatThrownBy(message::readInt).isInstanceOf(MessageNotReadableException.class)
                .hasMessageContaining("reset()");
        assertThatThrownBy(message::getBodyLength).isInstanceOf(MessageNotReadableException.class);
        message.reset();
        assertThat(message.readInt()).isEqualTo(7);
        assertThatThrownBy(() -> message.writeInt(8)).isInstanceOf(MessageNotWriteableException.class);
    }

    @Test
    void newStreamMessageIsWriteOnlyUntilReset() throws JMSException {
        FerryStreamMessage message = new FerryStreamMessage();
        message.writeString("s");
        assertThatThrownBy(message::readString).isInstanceOf(MessageNotReadableException.class);
        assertThatThrownBy(() -> message.readBytes(new byte[1])).isInstanceOf(MessageNotReadableException.class);
        message.reset();
        assertThat(message.readString()).isEqualTo("s");
        assertThatThrownBy(() -> message.writeString("t")).isInstanceOf(MessageNotWriteableException.class);
    }

    @Test
    void clearBodyEmptiesAndReturnsToWriteOnly() throws JMSException {
        FerryBytesMessage message = new FerryBytesMessage();
        message.writeLong(1);
        message.reset();
        message.clearBody();
        assertThatThrownBy(message::readLong).isInstanceOf(MessageNotReadableException.class);
        message.writeByte((byte) 2);
        message.reset();
        assertThat(message.getBodyLength()).isEqualTo(1);
    }

    @Test
    void receivedBytesAndStreamMessagesAreReadableFromTheStart() throws JMSException {
        FerryBytesMessage bytes = new FerryBytesMessage();
        bytes.writeShort((short) 5);
        FerryStreamMessage stream = new FerryStreamMessage();
        stream.writeShort((short) 6);
        assertThat(Received.copyOf(bytes).readShort()).isEqualTo((short) 5);
        assertThat(Received.copyOf(stream).readShort()).isEqualTo((short) 6);
    }

    @Test
    void resetRewindsAReadBody() throws JMSException {
        FerryStreamMessage message = new FerryStreamMessage();
        message.writeInt(1);
        message.writeInt(2);
        message.reset();
        message.readInt();
        message.reset();
        assertThat(message.readInt()).isEqualTo(1);
    }

    @Test
    void mapAndTextBodiesAreReadableWhileWritable() throws JMSException {
        FerryMapMessage map = new FerryMapMessage();
        map.setString("k", "v");
        assertThat(map.getString("k")).isEqualTo("v");
        FerryTextMessage text = new FerryTextMessage("hello");
        assertThat(text.getText()).isEqualTo("hello");
    }

    @Test
    void encodingReadsTheBodyWhateverItsMode() throws JMSException {
        FerryBytesMessage writeOnly = new FerryBytesMessage();
        writeOnly.writeInt(42);
        FerryBytesMessage received = Received.copyOf(writeOnly);
        assertThat(received.getBodyLength()).isEqualTo(4);
        assertThat(received.readInt()).isEqualTo(42);

        FerryStreamMessage halfRead = new FerryStreamMessage();
        halfRead.writeInt(1);
        halfRead.writeInt(2);
        halfRead.reset();
        halfRead.readInt();
        FerryStreamMessage copy = Received.copyOf(halfRead);
        assertThat(copy.readInt()).isEqualTo(1);
        assertThat(copy.readInt()).isEqualTo(2);
    }

    @Test
    void plainMessageClearBodyIsHarmless() throws JMSException {
        FerryMessage received = Received.copyOf(new FerryPlainMessage());
        received.clearBody();
        assertThat(received.getBody(Object.class)).isNull();
    }
}
