package dev.ferry.console.services;

import dev.ferry.jms.message.FerryBytesMessage;
import dev.ferry.jms.message.FerryMapMessage;
import dev.ferry.jms.message.FerryMessage;
import dev.ferry.jms.message.FerryObjectMessage;
import dev.ferry.jms.message.FerryStreamMessage;
import dev.ferry.jms.message.FerryTextMessage;
import dev.ferry.jms.message.MessageCodec;
import dev.ferry.jms.message.ObjectMessageAllowList;
import dev.ferry.store.Delivery;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.admin.DeliveryState;
import dev.ferry.store.admin.MessageDetail;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class MessageInspectorTest {

    /** Counts deserializations: the console must never make one. */
    static final AtomicInteger READS = new AtomicInteger();

    static final class Tripwire implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        final String payload = "x".repeat(100);

        @Serial
        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
            READS.incrementAndGet();
            in.defaultReadObject();
        }
    }

    private final MessageInspector inspector = new MessageInspector();
    private final MessageCodec codec = new MessageCodec(ObjectMessageAllowList.defaults());

    private MessageDetail stored(FerryMessage message) throws JMSException {
        message.setJMSMessageID("ID:test-1");
        message.setJMSTimestamp(1_700_000_000_000L);
        Delivery delivery = new Delivery(11, 3, 5, 2, "orders", DestinationKind.QUEUE, "payments",
                "rolled back 3 times", codec.encode(message));
        return new MessageDetail(delivery, "DLQ", DeliveryState.READY, 0, 0, null, 0, 0, 0, null);
    }

    @Test
    void textJsonBodyIsIndentedAndPropertiesListedWithTypes() throws Exception {
        FerryTextMessage message = new FerryTextMessage("{\"order\":7}");
        message.setIntProperty("quantity", 3);
        message.setStringProperty("region", "north");
        MessageDetails details = inspector.details(stored(message), true);
        assertThat(details.body().kind()).isEqualTo(MessageDetails.Kind.TEXT);
        assertThat(details.body().format()).isEqualTo("JSON");
        assertThat(details.body().text()).isEqualTo("{\n  \"order\": 7\n}");
        assertThat(details.properties()).contains(new MessageDetails.Property("quantity", "3", "Integer"),
                new MessageDetails.Property("region", "north", "String"));
        assertThat(details.headers()).containsEntry("JMSMessageID", "ID:test-1")
                .containsEntry("Original destination", "payments")
                .containsEntry("Last failure", "rolled back 3 times");
    }

    @Test
    void bytesBodyIsShownAsHexAndText() throws Exception {
        FerryBytesMessage message = new FerryBytesMessage();
        message.writeBytes(new byte[] {'h', 'i', 0});
        MessageDetails details = inspector.details(stored(message), true);
        assertThat(details.body().kind()).isEqualTo(MessageDetails.Kind.BYTES);
        assertThat(details.body().hexLines()).singleElement().asString().startsWith("00000000  68 69 00").endsWith("|hi.|");
    }

    @Test
    void mapAndStreamBodiesAreTables() throws Exception {
        FerryMapMessage map = new FerryMapMessage();
        map.setInt("amount", 950);
        map.setString("currency", "EUR");
        assertThat(inspector.details(stored(map), true).body().entries()).containsExactly(
                new MessageDetails.Property("amount", "950", "Integer"),
                new MessageDetails.Property("currency", "EUR", "String"));
        FerryStreamMessage stream = new FerryStreamMessage();
        stream.writeBoolean(true);
        stream.writeDouble(1.5);
        assertThat(inspector.details(stored(stream), true).body().entries()).containsExactly(
                new MessageDetails.Property("0", "true", "Boolean"),
                new MessageDetails.Property("1", "1.5", "Double"));
    }

    @Test
    void objectBodyShowsClassNameAndSizeAndIsNeverDeserialized() throws Exception {
        READS.set(0);
        MessageDetails details = inspector.details(stored(new FerryObjectMessage(new Tripwire())), true);
        assertThat(details.body().kind()).isEqualTo(MessageDetails.Kind.OBJECT);
        assertThat(details.body().className()).isEqualTo(Tripwire.class.getName());
        assertThat(details.body().size()).isGreaterThan(100);
        assertThat(READS).hasValue(0);
    }

    @Test
    void hiddenBodyShowsHeadersAndPropertiesOnly() throws Exception {
        FerryTextMessage message = new FerryTextMessage("secret salary data");
        message.setStringProperty("region", "north");
        MessageDetails details = inspector.details(stored(message), false);
        assertThat(details.body().kind()).isEqualTo(MessageDetails.Kind.HIDDEN);
        assertThat(details.body().text()).isNull();
        assertThat(details.properties()).isNotEmpty();
    }
}
