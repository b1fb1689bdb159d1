package dev.ferry.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Message properties (JMS 3.1 §3.5): names, value types, absent values, read-only received properties. */
class MessagePropertiesTest {

    @Test
    void nullOrEmptyPropertyNameIsAnIllegalArgument() {
        FerryMessage message = new FerryPlainMessage();
        assertThatThrownBy(() -> message.setStringProperty(null, "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setIntProperty("", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1abc", "a-b", "a b", "a.b", "é!", "price%"})
    void propertyNameThatIsNotAnIdentifierIsRefused(String name) {
        FerryMessage message = new FerryPlainMessage();
        assertThatThrownBy(() -> message.setIntProperty(name, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid identifier");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE",
            "null", "Between", "escape"})
    void selectorKeywordsAreNotPropertyNames(String name) {
        FerryMessage message = new FerryPlainMessage();
        assertThatThrownBy(() -> message.setBooleanProperty(name, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved word");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_x", "$y", "orderId", "Ünïcödé", "JMSXGroupID", "JMS_ferry_x", "INDEX", "ISO", "nullable"})
    void identifiersAreAcceptedAsPropertyNames(String name) throws JMSException {
        FerryMessage message = new FerryPlainMessage();
        message.setIntProperty(name, 5);
        assertThat(message.getIntProperty(name)).isEqualTo(5);
    }

    @Test
    void setObjectPropertyRefusesTypesOutsideThePropertyTypes() {
        FerryMessage message = new FerryPlainMessage();
        for (Object value : List.of('c', new byte[] {1}, new java.math.BigDecimal("1"), new Object(), List.of())) {
            assertThatThrownBy(() -> message.setObjectProperty("p", value)).isInstanceOf(MessageFormatException.class)
                    .hasMessageContaining("'p'");
        }
        assertThat(message.propertyExists("p")).isFalse();
    }

    @Test
    void absentPropertyReadsAsValueOfNull() throws JMSException {
        FerryMessage message = new FerryPlainMessage();
        assertThat(message.getBooleanProperty("absent")).isFalse();
        assertThat(message.getStringProperty("absent")).isNull();
        assertThat(message.getObjectProperty("absent")).isNull();
        assertThatThrownBy(() -> message.getByteProperty("absent")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getShortProperty("absent")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getIntProperty("absent")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getLongProperty("absent")).isInstanceOf(NumberFormatException.class);
        // Float.valueOf(null) and Double.valueOf(null) throw NullPointerException, and the spec says "as valueOf"
        assertThatThrownBy(() -> message.getFloatProperty("absent")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> message.getDoubleProperty("absent")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void stringPropertyThatIsNotANumberIsANumberFormatException() throws JMSException {
        FerryMessage message = new FerryPlainMessage();
        message.setStringProperty("p", "twelve");
        assertThatThrownBy(() -> message.getIntProperty("p")).isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("twelve");
        assertThatThrownBy(() -> message.getDoubleProperty("p")).isInstanceOf(NumberFormatException.class);
        assertThat(message.getBooleanProperty("p")).isFalse();
    }

    @Test
    void stringPropertyTrueReadsAsBooleanTrueIgnoringCase() throws JMSException {
        FerryMessage message = new FerryPlainMessage();
        message.setStringProperty("p", "TrUe");
        assertThat(message.getBooleanProperty("p")).isTrue();
    }

    @Test
    void outOfRangeStringIsANumberFormatException() throws JMSException {
        FerryMessage message = new FerryPlainMessage();
        message.setStringProperty("p", "300");
        assertThatThrownBy(() -> message.getByteProperty("p")).isInstanceOf(NumberFormatException.class);
        assertThat(message.getShortProperty("p")).isEqualTo((short) 300);
    }

    @Test
    void nullStringPropertyExistsAndReadsAsNull() throws JMSException {
        FerryMessage message = new FerryPlainMessage();
        message.setStringProperty("p", null);
        assertThat(message.propertyExists("p")).isTrue();
        assertThat(message.getStringProperty("p")).isNull();
        assertThatThrownBy(() -> message.getIntProperty("p")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void propertyNamesAreEnumeratedInTheOrderSetWithoutHeaders() throws JMSException {
        FerryMessage message = new FerryPlainMessage();
        message.setJMSType("t");
        message.setStringProperty("zeta", "z");
        message.setIntProperty("alpha", 1);
        message.setStringProperty("JMSXGroupID", "g");
        assertThat(Collections.list(message.getPropertyNames())).containsExactly("zeta", "alpha", "JMSXGroupID");
    }

    @Test
    void settingAPropertyAgainReplacesItsValueAndType() throws JMSException {
        FerryMessage message = new FerryPlainMessage();
        message.setIntProperty("p", 1);
        message.setStringProperty("p", "x");
        assertThat(message.getObjectProperty("p")).isEqualTo("x");
        assertThat(Collections.list(message.getPropertyNames())).containsExactly("p");
    }

    @Test
    void receivedPropertiesAreReadOnlyUntilClearProperties() throws JMSException {
        FerryMessage sent = new FerryPlainMessage();
        sent.setStringProperty("color", "red");
        FerryMessage received = Received.copyOf(sent);

        assertThatThrownBy(() -> received.setStringProperty("color", "blue"))
                .isInstanceOf(MessageNotWriteableException.class).hasMessageContaining("clearProperties");
        assertThatThrownBy(() -> received.setObjectProperty("size", 3)).isInstanceOf(MessageNotWriteableException.class);
        assertThat(received.getStringProperty("color")).isEqualTo("red");

        received.clearProperties();
        assertThat(received.propertyExists("color")).isFalse();
        received.setStringProperty("color", "blue");
        assertThat(received.getStringProperty("color")).isEqualTo("blue");
    }

    @Test
    void receivedMessageCarriesJmsxDeliveryCountAsInt() throws JMSException {
        FerryMessage sent = new FerryPlainMessage();
        FerryMessage received = Received.CODEC.decode(Received.delivery(Received.CODEC.encode(sent), 3));
        assertThat(received.getObjectProperty("JMSXDeliveryCount")).isEqualTo(3);
        assertThat(received.getIntProperty("JMSXDeliveryCount")).isEqualTo(3);
        assertThat(received.getJMSRedelivered()).isTrue();
        assertThat(Collections.list(received.getPropertyNames())).contains("JMSXDeliveryCount");
    }

    @Test
    void firstDeliveryIsNotRedelivered() throws JMSException {
        FerryMessage received = Received.copyOf(new FerryPlainMessage());
        assertThat(received.getJMSRedelivered()).isFalse();
        assertThat(received.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    @Test
    void headersStayWritableOnAReceivedMessage() throws JMSException {
        FerryMessage received = Received.copyOf(new FerryPlainMessage());
        received.setJMSType("changed");
        received.setJMSCorrelationID("c");
        assertThat(received.getJMSType()).isEqualTo("changed");
        assertThat(received.getJMSCorrelationID()).isEqualTo("c");
    }

    @Test
    void clearBodyDoesNotTouchProperties() throws JMSException {
        FerryTextMessage message = new FerryTextMessage("hello");
        message.setIntProperty("n", 1);
        message.clearBody();
        assertThat(message.getText()).isNull();
        assertThat(message.getIntProperty("n")).isEqualTo(1);
    }

    @Test
    void clearPropertiesDoesNotTouchTheBody() throws JMSException {
        FerryTextMessage message = new FerryTextMessage("hello");
        message.setIntProperty("n", 1);
        message.clearProperties();
        assertThat(message.getText()).isEqualTo("hello");
        assertThat(message.getPropertyNames().hasMoreElements()).isFalse();
    }
}
