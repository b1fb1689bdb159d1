package dev.ferry.jms.message;

import dev.ferry.jms.destination.FerryQueue;
import dev.ferry.jms.destination.FerryTemporaryTopic;
import dev.ferry.jms.destination.FerryTopic;
import dev.ferry.store.Delivery;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageRecord;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored form: every header, property type and body type survives encode and decode exactly. */
class MessageCodecTest {

    private static final MessageCodec CODEC = Received.CODEC;

    /** Values chosen to catch lossy encodings: signs, extremes, NaN payloads, -0.0, empty vs null, unicode. */
    private static final List<Object> EDGE_VALUES = Arrays.asList(
            true, false, Byte.MIN_VALUE, Byte.MAX_VALUE, Short.MIN_VALUE, Short.MAX_VALUE, 0, -1,
            Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, 0L,
            Float.NaN, Float.intBitsToFloat(0x7fc00001), -0.0f, Float.MIN_VALUE, Float.NEGATIVE_INFINITY,
            Double.NaN, Double.longBitsToDouble(0x7ff8000000000123L), -0.0d, Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, "", null, "plain", "grüße", "\u0000nul", "\uD83D\uDE00 emoji",
            "lone \uD800 high", "lone \uDC00 low", "x".repeat(70_000));

    @Test
    void everyPropertyTypeAndEdgeValueRoundTrips() throws JMSException {
        FerryMessage sent = new FerryPlainMessage();
        int i = 0;
        for (Object value : EDGE_VALUES) {
            sent.setObjectProperty("p" + i++, value);
        }
        FerryMessage received = Received.copyOf(sent);
        i = 0;
        for (Object value : EDGE_VALUES) {
            assertExactlyEqual(received.getObjectProperty("p" + i), value, "p" + i);
            i++;
        }
        List<String> names = Collections.list(received.getPropertyNames());
        assertThat(names).hasSize(EDGE_VALUES.size() + 1).endsWith("JMSXDeliveryCount");
    }

    @Test
    void mapBodyRoundTripsEveryTypeIncludingNullsCharsAndBytes() throws JMSException {
        FerryMapMessage sent = new FerryMapMessage();
        List<Object> values = new ArrayList<>(EDGE_VALUES);
        values.addAll(Arrays.asList('c', '\uD800', Character.MAX_VALUE, new byte[0], new byte[] {-1, 0, 1}));
        for (int i = 0; i < values.size(); i++) {
            sent.setObject("e" + i, values.get(i));
        }
        FerryMapMessage received = Received.copyOf(sent);
        for (int i = 0; i < values.size(); i++) {
            assertExactlyEqual(received.getObject("e" + i), values.get(i), "e" + i);
        }
        assertThat(Collections.list(received.getMapNames())).isEqualTo(Collections.list(sent.getMapNames()));
    }

    @Test
    void streamBodyRoundTripsEveryTypeInOrder() throws JMSException {
        FerryStreamMessage sent = new FerryStreamMessage();
        List<Object> values = new ArrayList<>(EDGE_VALUES);
        values.addAll(Arrays.asList('c', new byte[0], null, new byte[] {-128, 127}));
        for (Object value : values) {
            sent.writeObject(value);
        }
        FerryStreamMessage received = Received.copyOf(sent);
        for (int i = 0; i < values.size(); i++) {
            assertExactlyEqual(received.readObject(), values.get(i), "field " + i);
        }
    }

    @Test
    void textBodyRoundTripsExactlyAndIsStoredAsUtf8() throws JMSException {
        for (Object value : EDGE_VALUES) {
            if (value == null || value instanceof String) {
                FerryTextMessage received = Received.copyOf(new FerryTextMessage((String) value));
                assertThat(received.getText()).isEqualTo(value);
            }
        }
        MessageRecord record = CODEC.encode(new FerryTextMessage("grüße \uD83D\uDE00"));
        assertThat(record.body()).isEqualTo("grüße \uD83D\uDE00".getBytes(StandardCharsets.UTF_8));
        assertThat(CODEC.encode(new FerryTextMessage()).body()).isNull();
        assertThat(CODEC.encode(new FerryTextMessage("")).body()).isEmpty();
    }

    @Test
    void bytesBodyIsStoredAsIs() throws JMSException {
        FerryBytesMessage sent = new FerryBytesMessage();
        sent.writeBytes(new byte[] {0, -1, 42});
        MessageRecord record = CODEC.encode(sent);
        assertThat(record.body()).containsExactly(0, -1, 42);
        assertThat(record.bodyType()).isEqualTo(BodyType.BYTES.code());
    }

    @Test
    void objectBodyRoundTripsAndNullObjectHasNoBody() throws JMSException {
        FerryObjectMessage received = Received.copyOf(new FerryObjectMessage(new ArrayList<>(List.of("a", "b"))));
        assertThat(received.getObject()).isEqualTo(List.of("a", "b"));
        assertThat(CODEC.encode(new FerryObjectMessage()).body()).isNull();
        assertThat(Received.copyOf(new FerryObjectMessage()).getObject()).isNull();
    }

    @Test
    void everyBodyTypeDecodesToItsOwnClass() throws JMSException {
        assertThat(Received.copyOf(new FerryPlainMessage())).isInstanceOf(FerryPlainMessage.class);
        assertThat(Received.copyOf(new FerryTextMessage())).isInstanceOf(FerryTextMessage.class);
        assertThat(Received.copyOf(new FerryBytesMessage())).isInstanceOf(FerryBytesMessage.class);
        assertThat(Received.copyOf(new FerryMapMessage())).isInstanceOf(FerryMapMessage.class);
        assertThat(Received.copyOf(new FerryStreamMessage())).isInstanceOf(FerryStreamMessage.class);
        assertThat(Received.copyOf(new FerryObjectMessage())).isInstanceOf(FerryObjectMessage.class);
    }

    @Test
    void headersGoIntoTheRecordColumns() throws JMSException {
        FerryTextMessage message = new FerryTextMessage("x");
        message.setJMSMessageID("ID:1");
        message.setJMSTimestamp(10);
        message.setJMSCorrelationID("c");
        message.setJMSReplyTo(new FerryTopic("answers"));
        message.setJMSType("t");
        message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        message.setJMSPriority(9);
        message.setJMSExpiration(20);
        message.setJMSDeliveryTime(30);
        message.setStringProperty("JMSXGroupID", "g1");
        message.setIntProperty("JMSXGroupSeq", 5);
        MessageRecord record = CODEC.encode(message);
        assertThat(record.messageId()).isEqualTo("ID:1");
        assertThat(record.timestamp()).isEqualTo(10);
        assertThat(record.correlationId()).isEqualTo("c");
        assertThat(record.correlationIdBytes()).isNull();
        assertThat(record.replyTo()).isEqualTo("topic://answers");
        assertThat(record.type()).isEqualTo("t");
        assertThat(record.persistent()).isFalse();
        assertThat(record.priority()).isEqualTo(9);
        assertThat(record.expiration()).isEqualTo(20);
        assertThat(record.deliveryTime()).isEqualTo(30);
        assertThat(record.groupId()).isEqualTo("g1");
        assertThat(record.groupSeq()).isEqualTo(5);
        assertThat(record.bodyType()).isEqualTo(BodyType.TEXT.code());
    }

    @Test
    void groupSequenceSetAsStringIsConverted() throws JMSException {
        FerryMessage message = new FerryPlainMessage();
        message.setStringProperty("JMSXGroupSeq", "12");
        assertThat(CODEC.encode(message).groupSeq()).isEqualTo(12);
        message.setStringProperty("JMSXGroupSeq", "twelve");
        assertThatThrownBy(() -> CODEC.encode(message)).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("JMSXGroupSeq");
    }

    @Test
    void groupColumnsBecomePropertiesWhenThePropertiesLackThem() throws JMSException {
        MessageRecord record = new MessageRecord("ID:9", 0, null, null, null, null, true, 4, 0, 0, "g", 3,
                BodyType.PLAIN.code(), new byte[0], null);
        FerryMessage received = CODEC.decode(Received.delivery(record, 1));
        assertThat(received.getStringProperty("JMSXGroupID")).isEqualTo("g");
        assertThat(received.getIntProperty("JMSXGroupSeq")).isEqualTo(3);
    }

    @Test
    void deliveryCountIsNotStoredWithTheProperties() throws JMSException {
        FerryMessage received = CODEC.decode(Received.delivery(CODEC.encode(new FerryPlainMessage()), 4));
        MessageRecord again = CODEC.encode(received);
        assertThat(again.properties()).isEmpty();
        assertThat(CODEC.decode(Received.delivery(again, 1)).getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    @Test
    void messageWithoutPropertiesStoresNoPropertyBytes() throws JMSException {
        assertThat(CODEC.encode(new FerryPlainMessage()).properties()).isEmpty();
    }

    @Test
    void replyToTemporaryDestinationRoundTrips() throws JMSException {
        FerryMessage sent = new FerryPlainMessage();
        sent.setJMSReplyTo(new FerryTemporaryTopic("TT-x", null));
        assertThat(Received.copyOf(sent).getJMSReplyTo()).isEqualTo(new FerryTemporaryTopic("TT-x", null));
    }

    @Test
    void topicDeliveryHasTheTopicAsDestination() throws JMSException {
        Delivery delivery = new Delivery(1, 2, 3, 1, "news", DestinationKind.TOPIC, null, null,
                CODEC.encode(new FerryPlainMessage()));
        assertThat(CODEC.decode(delivery).getJMSDestination()).isEqualTo(new FerryTopic("news"));
        assertThat(CODEC.decode(delivery).getJMSDestination()).isNotEqualTo(new FerryQueue("news"));
    }

    @Test
    void corruptPropertiesAreAFormatExceptionNotACrash() {
        MessageRecord record = new MessageRecord("ID:9", 0, null, null, null, null, true, 4, 0, 0, null, 0,
                BodyType.PLAIN.code(), new byte[] {1, 5, 3}, null);
        assertThatThrownBy(() -> CODEC.decode(Received.delivery(record, 1))).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("properties");
    }

    @Test
    void unknownFormatVersionIsAFormatException() {
        MessageRecord record = new MessageRecord("ID:9", 0, null, null, null, null, true, 4, 0, 0, null, 0,
                BodyType.MAP.code(), new byte[0], new byte[] {99, 0});
        assertThatThrownBy(() -> CODEC.decode(Received.delivery(record, 1))).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("version 99");
    }

    @Test
    void unknownBodyTypeIsAFormatException() {
        MessageRecord record = new MessageRecord("ID:9", 0, null, null, null, null, true, 4, 0, 0, null, 0,
                42, new byte[0], null);
        assertThatThrownBy(() -> CODEC.decode(Received.delivery(record, 1))).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("42");
    }

    @Test
    void laterChangesToTheSentMessageDoNotReachTheRecord() throws JMSException {
        FerryBytesMessage message = new FerryBytesMessage();
        message.writeInt(1);
        MessageRecord record = CODEC.encode(message);
        message.writeInt(2);
        assertThat(record.body()).hasSize(4);
    }

    @Test
    void bodyTypeCodesAreStable() {
        assertThat(BodyType.PLAIN.code()).isZero();
        assertThat(BodyType.OBJECT.code()).isEqualTo(5);
        for (BodyType type : BodyType.values()) {
            assertThat(BodyType.ofCode(type.code())).isSameAs(type);
        }
        assertThatThrownBy(() -> BodyType.ofCode(6)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertExactlyEqual(Object actual, Object expected, String what) {
        if (expected instanceof Float) {
            assertThat(actual).as(what).isInstanceOf(Float.class);
            assertThat(Float.floatToRawIntBits((Float) actual)).as(what).isEqualTo(Float.floatToRawIntBits((Float) expected));
        } else if (expected instanceof Double) {
            assertThat(actual).as(what).isInstanceOf(Double.class);
            assertThat(Double.doubleToRawLongBits((Double) actual)).as(what)
                    .isEqualTo(Double.doubleToRawLongBits((Double) expected));
        } else if (expected instanceof byte[]) {
            assertThat(actual).as(what).isInstanceOf(byte[].class);
            assertThat((byte[]) actual).as(what).isEqualTo(expected);
        } else {
            assertThat(actual).as(what).isEqualTo(expected);
            if (expected != null) {
                assertThat(actual.getClass()).as(what).isEqualTo(expected.getClass());
            }
        }
    }
}
