package dev.ferry.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ObjectMessage deserializes only allow-listed classes, checked across the whole object graph. */
class ObjectMessageAllowListTest {

    @BeforeEach
    void resetGadget() {
        Gadget.READ_OBJECT_CALLS.set(0);
    }

    static List<Serializable> jdkValues() {
        TreeMap<String, Integer> reversed = new TreeMap<>(Collections.reverseOrder());
        reversed.put("a", 1);
        TreeSet<String> caseInsensitive = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.add("B");
        ConcurrentHashMap<String, Long> concurrent = new ConcurrentHashMap<>(Map.of("k", 1L));
        EnumMap<TimeUnit, String> enumMap = new EnumMap<>(TimeUnit.class);
        enumMap.put(TimeUnit.SECONDS, "s");
        return List.of("text", 1, 2L, 3.0, 4.0f, (short) 5, (byte) 6, 'c', true,
                new BigDecimal("1.50"), new BigInteger("123456789012345678901234567890"),
                new ArrayList<>(List.of("a", 1)), new LinkedList<>(List.of(1)), new HashMap<>(Map.of("k", "v")),
                new LinkedHashMap<>(Map.of("k", List.of(1, 2))), new HashSet<>(Set.of(1)), reversed, caseInsensitive,
                new ArrayDeque<>(List.of(1)), concurrent, new CopyOnWriteArrayList<>(List.of("x")),
                (Serializable) List.of(1, 2, 3), (Serializable) Map.of("a", 1), (Serializable) Set.of("s"),
                (Serializable) Collections.unmodifiableList(new ArrayList<>(List.of(1))),
                (Serializable) Collections.emptyList(), (Serializable) Collections.singletonMap("a", 1),
                (Serializable) Arrays.asList(1, 2), UUID.randomUUID(), new Date(0), new java.sql.Timestamp(0),
                Instant.EPOCH, Duration.ofSeconds(5), LocalDate.of(2024, 2, 29),
                ZonedDateTime.parse("2024-01-01T10:00:00+01:00[Europe/Paris]"), DayOfWeek.MONDAY, TimeUnit.SECONDS,
                EnumSet.of(TimeUnit.DAYS, TimeUnit.HOURS), enumMap, new int[] {1, 2}, new byte[] {3},
                new String[] {"a", null}, new long[][] {{1L}}, new Integer[] {1}, URI.create("https://ferry.dev/x"));
    }

    @ParameterizedTest
    @MethodSource("jdkValues")
    void jdkValueTypesAndCollectionsDeserializeByDefault(Serializable value) throws JMSException {
        FerryObjectMessage received = Received.copyOf(new FerryObjectMessage(value));
        Serializable copy = received.getObject();
        if (value.getClass().isArray()) {
            assertThat(Arrays.deepEquals(new Object[] {copy}, new Object[] {value})).isTrue();
        } else if (value instanceof ArrayDeque) {
            assertThat(copy).isInstanceOf(ArrayDeque.class);
            assertThat(new ArrayList<>((ArrayDeque<?>) copy)).isEqualTo(new ArrayList<>((ArrayDeque<?>) value));
        } else {
            assertThat(copy).isEqualTo(value);
        }
    }

    @Test
    void notAllowedClassIsRefusedNamingTheClassAndTheProperty() throws JMSException {
        FerryObjectMessage received = Received.copyOf(new FerryObjectMessage(new Gadget("boom")));
        assertThatThrownBy(received::getObject).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(Gadget.class.getName())
                .hasMessageContaining("ferry.objectMessage.allowList")
                .hasMessageContaining("dev.ferry.jms.message.*");
        assertThat(Gadget.READ_OBJECT_CALLS).hasValue(0);
    }

    @Test
    void notAllowedClassNestedInAnAllowedListIsRefused() throws JMSException {
        ArrayList<Object> list = new ArrayList<>(List.of("harmless", new Gadget("hidden")));
        FerryObjectMessage received = Received.copyOf(new FerryObjectMessage(list));
        assertThatThrownBy(received::getObject).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(Gadget.class.getName());
        assertThat(Gadget.READ_OBJECT_CALLS).hasValue(0);
    }

    @Test
    void notAllowedClassAsAMapValueOrArrayElementIsRefused() throws JMSException {
        HashMap<String, Object> map = new HashMap<>(Map.of("k", new Gadget("v")));
        assertThatThrownBy(() -> Received.copyOf(new FerryObjectMessage(map)).getObject())
                .isInstanceOf(MessageFormatException.class).hasMessageContaining(Gadget.class.getName());
        Object[] array = {"fine", new Gadget("a")};
        assertThatThrownBy(() -> Received.copyOf(new FerryObjectMessage(array)).getObject())
                .isInstanceOf(MessageFormatException.class).hasMessageContaining(Gadget.class.getName());
        Gadget[] gadgets = {new Gadget("b")};
        assertThatThrownBy(() -> Received.copyOf(new FerryObjectMessage(gadgets)).getObject())
                .isInstanceOf(MessageFormatException.class).hasMessageContaining("instance of " + Gadget.class.getName()
                        + ",").hasMessageContaining("'dev.ferry.jms.message.*'");
        assertThat(Gadget.READ_OBJECT_CALLS).hasValue(0);
    }

    @Test
    void senderSideGetObjectAppliesTheAllowListToo() throws JMSException {
        FerryObjectMessage message = new FerryObjectMessage(new Gadget("local"));
        assertThatThrownBy(message::getObject).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void extraClassMakesItDeserializable() throws JMSException {
        MessageCodec codec = new MessageCodec(ObjectMessageAllowList.withExtra(Gadget.class.getName()));
        FerryObjectMessage received = (FerryObjectMessage) codec.decode(
                Received.delivery(codec.encode(new FerryObjectMessage(new Gadget("ok"))), 1));
        assertThat(((Gadget) received.getObject()).payload).isEqualTo("ok");
        assertThat(Gadget.READ_OBJECT_CALLS).hasValue(1);
    }

    @Test
    void extraPackagePrefixAllowsItsClassesAndSubpackages() {
        ObjectMessageAllowList list = ObjectMessageAllowList.withExtra(" com.acme.* , org.example.Order ");
        assertThat(list.allows("com.acme.Order")).isTrue();
        assertThat(list.allows("com.acme.billing.Invoice$Line")).isTrue();
        assertThat(list.allows("com.acmeevil.Gadget")).isFalse();
        assertThat(list.allows("org.example.Order")).isTrue();
        assertThat(list.allows("org.example.OrderLine")).isFalse();
        assertThat(list.allows("[Lcom.acme.Order;")).isTrue();
        assertThat(list.extras()).containsExactly("com.acme.*", "org.example.Order");
    }

    @Test
    void defaultsAllowJdkValuesButNotArbitraryJdkClasses() {
        ObjectMessageAllowList defaults = ObjectMessageAllowList.defaults();
        assertThat(defaults.allows("java.lang.String")).isTrue();
        assertThat(defaults.allows("java.util.ImmutableCollections$ListN")).isTrue();
        assertThat(defaults.allows("java.time.Ser")).isTrue();
        assertThat(defaults.allows("[I")).isTrue();
        assertThat(defaults.allows("[[Ljava.lang.String;")).isTrue();
        assertThat(defaults.allows("java.net.URL")).isFalse();
        assertThat(defaults.allows("java.lang.reflect.Proxy")).isFalse();
        assertThat(defaults.allows("javax.management.BadAttributeValueExpException")).isFalse();
        assertThat(defaults.allows("[Ljava.lang.Runnable;")).isFalse();
        assertThat(defaults.allows("[[Lcom.acme.Order;")).isFalse();
        assertThat(defaults.allows("")).isFalse();
        assertThat(ObjectMessageAllowList.withExtra("  ")).isSameAs(defaults);
    }

    @Test
    void malformedAllowListEntryIsRefusedWithTheProperty() {
        assertThatThrownBy(() -> ObjectMessageAllowList.withExtra("com.acme.*,bad name"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ferry.objectMessage.allowList")
                .hasMessageContaining("bad name");
        assertThatThrownBy(() -> ObjectMessageAllowList.withExtra("*")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectMessageAllowList.withExtra("com..x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void proxyOfANotAllowedInterfaceIsRefused() throws JMSException {
        Runnable proxy = (Runnable) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Runnable.class},
                new SerializableHandler());
        FerryObjectMessage received = Received.copyOf(new FerryObjectMessage((Serializable) proxy));
        assertThatThrownBy(received::getObject).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("java.lang.Runnable");
    }

    @Test
    void setObjectSerializesImmediately() throws JMSException {
        ArrayList<String> list = new ArrayList<>(List.of("before"));
        FerryObjectMessage message = new FerryObjectMessage();
        message.setObject(list);
        list.add("after");
        assertThat(message.getObject()).isEqualTo(List.of("before"));
        assertThat(message.getObject()).isNotSameAs(message.getObject());
    }

    @Test
    void notSerializableGraphIsAFormatExceptionOnSet() {
        ArrayList<Object> list = new ArrayList<>(List.of(new Object()));
        assertThatThrownBy(() -> new FerryObjectMessage(list)).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("java.util.ArrayList");
    }

    /** A serializable handler, so that a proxy over it can be written to an ObjectMessage. */
    static final class SerializableHandler implements InvocationHandler, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            return null;
        }
    }
}
