package dev.ferry.jms.selector;

import static dev.ferry.jms.selector.Selectors.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading header fields and properties of a {@code jakarta.jms.Message} for a selector. */
class MessageSelectorContextTest {

    /** A stand-in Message answering the header getters from a map and getObjectProperty from another. */
    private static Message message(Map<String, Object> headers, Map<String, Object> properties) {
        return (Message) Proxy.newProxyInstance(Message.class.getClassLoader(), new Class<?>[] {Message.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("getObjectProperty")) {
                        Object value = properties.get((String) args[0]);
                        if (value instanceof JMSException) {
                            throw (JMSException) value;
                        }
                        return value;
                    }
                    if (name.startsWith("getJMS") && headers.containsKey(name.substring(3))) {
                        return headers.get(name.substring(3));
                    }
                    throw new UnsupportedOperationException(name + " is not expected to be called");
                });
    }

    private static Map<String, Object> headers(int deliveryMode) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("JMSDeliveryMode", deliveryMode);
        headers.put("JMSPriority", 7);
        headers.put("JMSMessageID", "ID:42");
        headers.put("JMSTimestamp", 1_700_000_000_000L);
        headers.put("JMSCorrelationID", "req-1");
        headers.put("JMSType", "car");
        return headers;
    }

    @Test
    void selectableHeadersAreReadFromTheirGetters() {
        SelectorContext context = MessageSelectorContext.of(message(headers(DeliveryMode.PERSISTENT), Map.of()));
        assertThat(context.value("JMSDeliveryMode")).isEqualTo("PERSISTENT");
        assertThat(context.value("JMSPriority")).isEqualTo(7);
        assertThat(context.value("JMSMessageID")).isEqualTo("ID:42");
        assertThat(context.value("JMSTimestamp")).isEqualTo(1_700_000_000_000L);
        assertThat(context.value("JMSCorrelationID")).isEqualTo("req-1");
        assertThat(context.value("JMSType")).isEqualTo("car");
    }

    @Test
    void nonPersistentDeliveryModeReadsAsNonPersistent() {
        SelectorContext context = MessageSelectorContext.of(message(headers(DeliveryMode.NON_PERSISTENT), Map.of()));
        assertThat(context.value("JMSDeliveryMode")).isEqualTo("NON_PERSISTENT");
    }

    @Test
    void nullStringHeadersAreNull() {
        Map<String, Object> headers = headers(DeliveryMode.PERSISTENT);
        headers.put("JMSType", null);
        headers.put("JMSCorrelationID", null);
        headers.put("JMSMessageID", null);
        SelectorContext context = MessageSelectorContext.of(message(headers, Map.of()));
        assertThat(selector("JMSType IS NULL AND JMSCorrelationID IS NULL AND JMSMessageID IS NULL")
                .matches(context)).isTrue();
    }

    @Test
    void everyOtherNameIsAPropertyReadAsTheObjectItWasSetWith() {
        Map<String, Object> properties = Map.of("color", "blue", "weight", 3000, "JMSXDeliveryCount", 2,
                "JMS_ferry_x", true);
        SelectorContext context = MessageSelectorContext.of(message(headers(DeliveryMode.PERSISTENT), properties));
        assertThat(context.value("color")).isEqualTo("blue");
        assertThat(context.value("JMSXDeliveryCount")).isEqualTo(2);
        assertThat(context.value("JMS_ferry_x")).isEqualTo(true);
        assertThat(context.value("absent")).isNull();
    }

    @Test
    void selectorSelectsAJmsMessageByHeadersAndProperties() {
        Message car = message(headers(DeliveryMode.PERSISTENT), Map.of("color", "blue", "weight", 3000));
        MessageSelector selector = selector("JMSType = 'car' AND color = 'blue' AND weight > 2500 "
                + "AND JMSDeliveryMode = 'PERSISTENT' AND JMSPriority >= 5 AND JMSTimestamp > 0 "
                + "AND JMSMessageID LIKE 'ID:%' AND JMSCorrelationID IN ('req-1')");
        assertThat(selector.matches(MessageSelectorContext.of(car))).isTrue();
    }

    @Test
    void anUnreadableMessageIsReportedNotJudged() {
        Message broken = message(headers(DeliveryMode.PERSISTENT),
                Map.of("color", new JMSException("store unavailable", "E42")));
        SelectorContext context = MessageSelectorContext.of(broken);
        assertThatThrownBy(() -> context.value("color"))
                .isInstanceOf(JMSRuntimeException.class)
                .hasMessageContaining("cannot read 'color'")
                .hasMessageContaining("store unavailable")
                .hasCauseInstanceOf(JMSException.class);
    }
}
