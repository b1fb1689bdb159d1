package dev.ferry.jms.message;

import dev.ferry.jms.destination.FerryDestination;
import dev.ferry.jms.destination.FerryQueue;
import dev.ferry.jms.destination.FerryTopic;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every header setter/getter pair (JMS 3.1 §3.4), table-driven: a value set through one header is read back
 * through the same header and through no other, which catches a getter wired to the wrong field.
 */
class MessageHeadersTest {

    interface Setter {
        void set(Message message, Object value) throws JMSException;
    }

    interface Getter {
        Object get(Message message) throws JMSException;
    }

    /** One header: its name, how to set and get it, its value on a new message and a different sample. */
    static final class Header {
        final String name;
        final Setter setter;
        final Getter getter;
        final Object initial;
        final Object sample;

        Header(String name, Setter setter, Getter getter, Object initial, Object sample) {
            this.name = name;
            this.setter = setter;
            this.getter = getter;
            this.initial = initial;
            this.sample = sample;
        }

        Object read(Message message) throws JMSException {
            Object value = getter.get(message);
            return value instanceof byte[] ? new String((byte[]) value, StandardCharsets.ISO_8859_1) : value;
        }

        Object expected(Object value) {
            return value instanceof byte[] ? new String((byte[]) value, StandardCharsets.ISO_8859_1) : value;
        }
    }

    static final List<Header> HEADERS = List.of(
            new Header("JMSMessageID", (m, v) -> m.setJMSMessageID((String) v), Message::getJMSMessageID,
                    null, "ID:abc-1"),
            new Header("JMSTimestamp", (m, v) -> m.setJMSTimestamp((Long) v), Message::getJMSTimestamp,
                    0L, 1_700_000_000_001L),
            new Header("JMSCorrelationID", (m, v) -> m.setJMSCorrelationID((String) v), Message::getJMSCorrelationID,
                    null, "corr-7"),
            new Header("JMSCorrelationIDAsBytes", (m, v) -> m.setJMSCorrelationIDAsBytes((byte[]) v),
                    Message::getJMSCorrelationIDAsBytes, null, new byte[] {'x', 'y', 'z'}),
            new Header("JMSReplyTo", (m, v) -> m.setJMSReplyTo((jakarta.jms.Destination) v), Message::getJMSReplyTo,
                    null, new FerryQueue("replies")),
            new Header("JMSDestination", (m, v) -> m.setJMSDestination((jakarta.jms.Destination) v),
                    Message::getJMSDestination, null, new FerryTopic("news")),
            new Header("JMSDeliveryMode", (m, v) -> m.setJMSDeliveryMode((Integer) v), Message::getJMSDeliveryMode,
                    DeliveryMode.PERSISTENT, DeliveryMode.NON_PERSISTENT),
            new Header("JMSRedelivered", (m, v) -> m.setJMSRedelivered((Boolean) v), Message::getJMSRedelivered,
                    false, true),
            new Header("JMSType", (m, v) -> m.setJMSType((String) v), Message::getJMSType, null, "order.created"),
            new Header("JMSExpiration", (m, v) -> m.setJMSExpiration((Long) v), Message::getJMSExpiration,
                    0L, 1_700_000_000_002L),
            new Header("JMSDeliveryTime", (m, v) -> m.setJMSDeliveryTime((Long) v), Message::getJMSDeliveryTime,
                    0L, 1_700_000_000_003L),
            new Header("JMSPriority", (m, v) -> m.setJMSPriority((Integer) v), Message::getJMSPriority, 4, 7));

    /** The correlation id is one header with two views; setting either changes both. */
    private static final Set<String> CORRELATION = Set.of("JMSCorrelationID", "JMSCorrelationIDAsBytes");

    @TestFactory
    List<DynamicTest> eachHeaderIsReadBackThroughItsOwnGetterOnly() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Header header : HEADERS) {
            tests.add(DynamicTest.dynamicTest(header.name, () -> {
                FerryMessage message = new FerryPlainMessage();
                header.setter.set(message, header.sample);
                assertThat(header.read(message)).as(header.name).isEqualTo(header.expected(header.sample));
                for (Header other : HEADERS) {
                    if (other != header && !(CORRELATION.contains(header.name) && CORRELATION.contains(other.name))) {
                        assertThat(other.read(message)).as(other.name + " after setting " + header.name)
                                .isEqualTo(other.expected(other.initial));
                    }
                }
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> eachHeaderCanBeSetBackToItsInitialValue() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Header header : HEADERS) {
            tests.add(DynamicTest.dynamicTest(header.name, () -> {
                FerryMessage message = new FerryTextMessage();
                header.setter.set(message, header.sample);
                header.setter.set(message, header.initial);
                assertThat(header.read(message)).isEqualTo(header.expected(header.initial));
            }));
        }
        return tests;
    }

    @Test
    void headersAreNotProperties() throws JMSException {
        FerryMessage message = new FerryPlainMessage();
        for (Header header : HEADERS) {
            header.setter.set(message, header.sample);
        }
        assertThat(message.getPropertyNames().hasMoreElements()).isFalse();
        assertThat(message.propertyExists("JMSType")).isFalse();
    }

    @Test
    void correlationIdSetAsStringIsReadableAsBytes() throws JMSException {
        FerryMessage message = new FerryPlainMessage();
        message.setJMSCorrelationID("abc");
        assertThat(message.getJMSCorrelationIDAsBytes()).containsExactly('a', 'b', 'c');
    }

    @Test
    void correlationIdBytesAreCopiedInAndOut() throws JMSException {
        FerryMessage message = new FerryPlainMessage();
        byte[] id = {1, 2, 3};
        message.setJMSCorrelationIDAsBytes(id);
        id[0] = 9;
        message.getJMSCorrelationIDAsBytes()[1] = 9;
        assertThat(message.getJMSCorrelationIDAsBytes()).containsExactly(1, 2, 3);
    }

    @Test
    void foreignReplyToQueueIsConvertedByName() throws JMSException {
        FerryMessage message = new FerryPlainMessage();
        Queue foreign = () -> "replies";
        message.setJMSReplyTo(foreign);
        assertThat(message.getJMSReplyTo()).isEqualTo(new FerryQueue("replies"));
    }

    @Test
    void foreignTemporaryReplyToIsRefused() {
        FerryMessage message = new FerryPlainMessage();
        TemporaryQueue foreign = new TemporaryQueue() {
            @Override
            public void delete() {
            }

            @Override
            public String getQueueName() {
                return "tmp";
            }
        };
        assertThatThrownBy(() -> message.setJMSReplyTo(foreign)).isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void invalidPriorityAndDeliveryModeAreRefused() {
        FerryMessage message = new FerryPlainMessage();
        assertThatThrownBy(() -> message.setJMSPriority(10)).isInstanceOf(JMSException.class).hasMessageContaining("0..9");
        assertThatThrownBy(() -> message.setJMSPriority(-1)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> message.setJMSDeliveryMode(0)).isInstanceOf(JMSException.class)
                .hasMessageContaining("PERSISTENT");
    }

    @TestFactory
    List<DynamicTest> everyHeaderSurvivesTheStore() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Header header : HEADERS) {
            if (header.name.equals("JMSDestination") || header.name.equals("JMSRedelivered")) {
                continue; // these come from the delivery, see the next tests
            }
            tests.add(DynamicTest.dynamicTest(header.name, () -> {
                FerryMessage sent = new FerryPlainMessage();
                header.setter.set(sent, header.sample);
                FerryMessage received = Received.copyOf(sent);
                assertThat(header.read(received)).isEqualTo(header.expected(header.sample));
            }));
        }
        return tests;
    }

    @Test
    void receivedDestinationIsTheDeliverysDestination() throws JMSException {
        FerryMessage sent = new FerryPlainMessage();
        sent.setJMSDestination(new FerryTopic("elsewhere"));
        FerryMessage received = Received.copyOf(sent);
        assertThat(received.getJMSDestination()).isEqualTo(new FerryQueue("orders"));
    }

    @Test
    void temporaryDestinationIsRecognisedOnReceipt() {
        String name = "TQ-" + java.util.UUID.randomUUID();
        FerryDestination destination = MessageCodec.destinationOf(name, dev.ferry.store.DestinationKind.QUEUE);
        assertThat(destination.isTemporary()).isTrue();
        assertThat(destination.name()).isEqualTo(name);
        assertThat(MessageCodec.destinationOf("TQ-short", dev.ferry.store.DestinationKind.QUEUE).isTemporary()).isFalse();
    }

    @Test
    void toStringNamesTypeIdAndDestinationButNotTheBody() throws JMSException {
        FerryTextMessage message = new FerryTextMessage("x".repeat(100_000));
        message.setJMSMessageID("ID:42");
        message.setJMSDestination(new FerryQueue("orders"));
        String text = message.toString();
        assertThat(text).contains("FerryTextMessage", "ID:42", "queue://orders").hasSizeLessThan(200);
        assertThat(Objects.toString(new FerryBytesMessage())).contains("FerryBytesMessage");
    }
}
