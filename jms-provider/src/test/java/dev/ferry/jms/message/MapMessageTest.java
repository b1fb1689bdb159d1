package dev.ferry.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.api.Test;

import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MapMessage rules beyond the conversion table (JMS 3.1 {@code MapMessage}). */
class MapMessageTest {

    @Test
    void mapNamesAndItemExistsReflectTheEntries() throws JMSException {
        FerryMapMessage message = new FerryMapMessage();
        message.setString("b", "x");
        message.setInt("a", 1);
        message.setObject("nothing", null);
        assertThat(Collections.list(message.getMapNames())).containsExactly("b", "a", "nothing");
        assertThat(message.itemExists("nothing")).isTrue();
        assertThat(message.itemExists("missing")).isFalse();
    }

    @Test
    void absentEntryReadsAsValueOfNull() throws JMSException {
        FerryMapMessage message = new FerryMapMessage();
        assertThat(message.getBoolean("x")).isFalse();
        assertThat(message.getString("x")).isNull();
        assertThat(message.getBytes("x")).isNull();
        assertThat(message.getObject("x")).isNull();
        assertThatThrownBy(() -> message.getInt("x")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getShort("x")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getFloat("x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> message.getChar("x")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void nullOrEmptyEntryNameIsAnIllegalArgument() {
        FerryMapMessage message = new FerryMapMessage();
        assertThatThrownBy(() -> message.setInt(null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setString("", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setObject("", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entryNamesNeedNotBeIdentifiers() throws JMSException {
        FerryMapMessage message = new FerryMapMessage();
        message.setInt("a key with spaces & symbols", 1);
        assertThat(message.getInt("a key with spaces & symbols")).isEqualTo(1);
    }

    @Test
    void setObjectRefusesOtherTypes() {
        FerryMapMessage message = new FerryMapMessage();
        assertThatThrownBy(() -> message.setObject("k", new StringBuilder("x")))
                .isInstanceOf(MessageFormatException.class).hasMessageContaining("'k'");
        assertThat(message.itemExists("k")).isFalse();
    }

    @Test
    void bytesAreCopiedInAndOut() throws JMSException {
        FerryMapMessage message = new FerryMapMessage();
        byte[] data = {1, 2, 3, 4};
        message.setBytes("all", data);
        message.setBytes("part", data, 1, 2);
        data[1] = 9;
        message.getBytes("all")[0] = 9;
        ((byte[]) message.getObject("all"))[2] = 9;
        assertThat(message.getBytes("all")).containsExactly(1, 2, 3, 4);
        assertThat(message.getBytes("part")).containsExactly(2, 3);
    }

    @Test
    void invalidRangeForSetBytesIsRefused() {
        FerryMapMessage message = new FerryMapMessage();
        assertThatThrownBy(() -> message.setBytes("k", new byte[2], 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
