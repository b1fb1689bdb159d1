package dev.ferry.jms.message;

import dev.ferry.jms.destination.FerryQueue;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages of other providers are copied into Ferry messages, headers, properties and body (JMS 3.1 §3.12). */
class ForeignMessageTest {

    @Test
    void headersAndPropertiesAreCopied() throws JMSException {
        ForeignState state = new ForeignState();
        state.headers.put("JMSMessageID", "ID:foreign-1");
        state.headers.put("JMSTimestamp", 11L);
        state.headers.put("JMSCorrelationID", "corr");
        state.headers.put("JMSReplyTo", (Queue) () -> "replies");
        state.headers.put("JMSType", "kind");
        state.headers.put("JMSDeliveryMode", DeliveryMode.NON_PERSISTENT);
        state.headers.put("JMSPriority", 8);
        state.headers.put("JMSExpiration", 22L);
        state.headers.put("JMSDeliveryTime", 33L);
        state.properties.put("color", "red");
        state.properties.put("size", 3);
        Message foreign = foreign(Message.class, state);

        FerryMessage copy = MessageCodec.toFerryMessage(foreign);

        assertThat(copy).isInstanceOf(FerryPlainMessage.class);
        assertThat(copy.getJMSMessageID()).isEqualTo("ID:foreign-1");
        assertThat(copy.getJMSTimestamp()).isEqualTo(11L);
        assertThat(copy.getJMSCorrelationID()).isEqualTo("corr");
        assertThat(copy.getJMSReplyTo()).isEqualTo(new FerryQueue("replies"));
        assertThat(copy.getJMSType()).isEqualTo("kind");
        assertThat(copy.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(copy.getJMSPriority()).isEqualTo(8);
        assertThat(copy.getJMSExpiration()).isEqualTo(22L);
        assertThat(copy.getJMSDeliveryTime()).isEqualTo(33L);
        assertThat(Collections.list(copy.getPropertyNames())).containsExactly("color", "size");
        assertThat(copy.getObjectProperty("size")).isEqualTo(3);
    }

    @Test
    void textBodyIsCopied() throws JMSException {
        ForeignState state = new ForeignState();
        state.text = "hello";
        FerryMessage copy = MessageCodec.toFerryMessage(foreign(TextMessage.class, state));
        assertThat(((FerryTextMessage) copy).getText()).isEqualTo("hello");
    }

    @Test
    void bytesBodyIsCopiedAfterResettingTheForeignMessage() throws JMSException {
        ForeignState state = new ForeignState();
        state.bytes = new byte[20_000];
        state.bytes[19_999] = 7;
        FerryMessage copy = MessageCodec.toFerryMessage(foreign(BytesMessage.class, state));
        FerryBytesMessage bytes = Received.copyOf((FerryBytesMessage) copy);
        assertThat(bytes.getBodyLength()).isEqualTo(20_000);
        assertThat(bytes.getBody(byte[].class)[19_999]).isEqualTo((byte) 7);
        assertThat(state.resets).isEqualTo(2);
    }

    @Test
    void mapBodyIsCopied() throws JMSException {
        ForeignState state = new ForeignState();
        state.map.put("n", 1);
        state.map.put("b", new byte[] {2});
        FerryMapMessage copy = (FerryMapMessage) MessageCodec.toFerryMessage(foreign(MapMessage.class, state));
        assertThat(copy.getInt("n")).isEqualTo(1);
        assertThat(copy.getBytes("b")).containsExactly(2);
    }

    @Test
    void streamBodyIsCopied() throws JMSException {
        ForeignState state = new ForeignState();
        state.stream.addAll(java.util.Arrays.asList("s", 5L, null));
        FerryStreamMessage copy = (FerryStreamMessage) MessageCodec.toFerryMessage(foreign(StreamMessage.class, state));
        copy.reset();
        assertThat(copy.readString()).isEqualTo("s");
        assertThat(copy.readLong()).isEqualTo(5L);
        assertThat(copy.readObject()).isNull();
    }

    @Test
    void objectBodyIsCopied() throws JMSException {
        ForeignState state = new ForeignState();
        state.object = new ArrayList<>(List.of("x"));
        FerryObjectMessage copy = (FerryObjectMessage) MessageCodec.toFerryMessage(foreign(ObjectMessage.class, state));
        assertThat(copy.getObject()).isEqualTo(List.of("x"));
    }

    @Test
    void ferryMessageIsTakenAsItIs() throws JMSException {
        FerryTextMessage message = new FerryTextMessage("mine");
        assertThat(MessageCodec.toFerryMessage(message)).isSameAs(message);
    }

    /** What the tiny foreign provider's message holds. */
    static final class ForeignState {
        final Map<String, Object> headers = new LinkedHashMap<>();
        final Map<String, Object> properties = new LinkedHashMap<>();
        final Map<String, Object> map = new LinkedHashMap<>();
        final List<Object> stream = new ArrayList<>();
        String text;
        byte[] bytes = new byte[0];
        Serializable object;
        int position;
        int resets;
    }

    /**
     * A message of another provider: a proxy answering the JMS getters from {@link ForeignState}, enough of
     * each interface for a copy to be taken.
     */
    @SuppressWarnings("unchecked")
    static <M extends Message> M foreign(Class<M> type, ForeignState state) {
        InvocationHandler handler = (Object proxy, Method method, Object[] args) -> answer(state, method, args);
        return (M) Proxy.newProxyInstance(ForeignMessageTest.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object answer(ForeignState state, Method method, Object[] args) throws JMSException {
        String name = method.getName();
        if (name.startsWith("getJMS")) {
            String header = name.substring(3);
            Object value = state.headers.get(header);
            if (value != null) {
                return value;
            }
            Class<?> returnType = method.getReturnType();
            if (returnType == long.class) {
                return 0L;
            }
            if (returnType == int.class) {
                return header.equals("JMSPriority") ? 4 : DeliveryMode.PERSISTENT;
            }
            if (returnType == boolean.class) {
                return false;
            }
            return null;
        }
        switch (name) {
            case "getPropertyNames": return Collections.enumeration(state.properties.keySet());
            case "getObjectProperty": return state.properties.get((String) args[0]);
            case "getText": return state.text;
            case "getMapNames": return Collections.enumeration(state.map.keySet());
            case "getObject": return args == null ? state.object : state.map.get((String) args[0]);
            case "reset":
                state.resets++;
                state.position = 0;
                return null;
            case "readBytes": {
                byte[] buffer = (byte[]) args[0];
                int remaining = state.bytes.length - state.position;
                if (remaining == 0) {
                    return -1;
                }
                int count = Math.min(buffer.length, remaining);
                System.arraycopy(state.bytes, state.position, buffer, 0, count);
                state.position += count;
                return count;
            }
            case "readObject":
                if (state.position >= state.stream.size()) {
                    throw new MessageEOFException("end");
                }
                return state.stream.get(state.position++);
            case "hashCode": return System.identityHashCode(state);
            case "toString": return "ForeignMessage";
            case "equals": return false;
            default: throw new UnsupportedOperationException(name + " is not needed for copying");
        }
    }
}
