package dev.ferry.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * JMS 3.1 §3.11.3: a MapMessage entry or StreamMessage field written as the row's type and read as the column's
 * type gives the value shown; every empty cell is a MessageFormatException. For a StreamMessage a refused read
 * leaves the position where it was.
 */
class BodyConversionTableTest {

    private static final Object FORBIDDEN = new Object();
    private static final byte[] BYTES = {1, 2, 3};

    private static final String[] READ_AS =
            {"boolean", "byte", "short", "char", "int", "long", "float", "double", "String", "byte[]"};

    private static final Object F = FORBIDDEN;

    private static final Object[][] TABLE = {
            // written   boolean byte      short      char int long float double String  byte[]
            {true,       true,   F,        F,         F,   F,  F,   F,    F,     "true", F},
            {(byte) 1,   F,      (byte) 1, (short) 1, F,   1,  1L,  F,    F,     "1",    F},
            {(short) 2,  F,      F,        (short) 2, F,   2,  2L,  F,    F,     "2",    F},
            {'c',        F,      F,        F,         'c', F,  F,   F,    F,     "c",    F},
            {3,          F,      F,        F,         F,   3,  3L,  F,    F,     "3",    F},
            {4L,         F,      F,        F,         F,   F,  4L,  F,    F,     "4",    F},
            {5.5f,       F,      F,        F,         F,   F,  F,   5.5f, 5.5d,  "5.5",  F},
            {6.5d,       F,      F,        F,         F,   F,  F,   F,    6.5d,  "6.5",  F},
            {"7",        false,  (byte) 7, (short) 7, F,   7,  7L,  7f,   7d,    "7",    F},
            {BYTES,      F,      F,        F,         F,   F,  F,   F,    F,     F,      BYTES},
    };

    @TestFactory
    List<DynamicTest> mapMessageFollowsTheTable() {
        List<DynamicTest> tests = new ArrayList<>();
        forEachCell((written, readAs, expected) -> tests.add(DynamicTest.dynamicTest(
                name(written, readAs, expected), () -> {
                    FerryMapMessage message = new FerryMapMessage();
                    message.setObject("e", written);
                    if (expected == FORBIDDEN) {
                        assertThatThrownBy(() -> readMap(message, "e", readAs))
                                .isInstanceOf(MessageFormatException.class).hasMessageContaining("'e'");
                    } else {
                        assertThat(readMap(message, "e", readAs)).isEqualTo(expected);
                        assertThat(readMap(Received.copyOf(message), "e", readAs)).isEqualTo(expected);
                    }
                })));
        return tests;
    }

    @TestFactory
    List<DynamicTest> streamMessageFollowsTheTable() {
        List<DynamicTest> tests = new ArrayList<>();
        forEachCell((written, readAs, expected) -> tests.add(DynamicTest.dynamicTest(
                name(written, readAs, expected), () -> {
                    FerryStreamMessage message = new FerryStreamMessage();
                    message.writeObject(written);
                    message.writeString("next");
                    message.reset();
                    if (expected == FORBIDDEN) {
                        assertThatThrownBy(() -> readStream(message, readAs))
                                .isInstanceOf(MessageFormatException.class).hasMessageContaining("stream field 0");
                        assertThat(message.readObject()).as("position unchanged after refusal").isEqualTo(written);
                    } else {
                        assertThat(readStream(message, readAs)).isEqualTo(expected);
                    }
                    assertThat(message.readString()).isEqualTo("next");
                })));
        return tests;
    }

    interface Cell {
        void accept(Object written, String readAs, Object expected);
    }

    private static void forEachCell(Cell cell) {
        for (Object[] row : TABLE) {
            for (int column = 0; column < READ_AS.length; column++) {
                cell.accept(row[0], READ_AS[column], row[column + 1]);
            }
        }
    }

    private static String name(Object written, String readAs, Object expected) {
        return TypeConversions.typeName(written) + " read as " + readAs
                + (expected == FORBIDDEN ? " is a MessageFormatException" : " is allowed");
    }

    static Object readMap(FerryMapMessage message, String name, String type) throws JMSException {
        switch (type) {
            case "boolean": return message.getBoolean(name);
            case "byte": return message.getByte(name);
            case "short": return message.getShort(name);
            case "char": return message.getChar(name);
            case "int": return message.getInt(name);
            case "long": return message.getLong(name);
            case "float": return message.getFloat(name);
            case "double": return message.getDouble(name);
            case "String": return message.getString(name);
            case "byte[]": return message.getBytes(name);
            default: throw new IllegalArgumentException(type);
        }
    }

    static Object readStream(FerryStreamMessage message, String type) throws JMSException {
        switch (type) {
            case "boolean": return message.readBoolean();
            case "byte": return message.readByte();
            case "short": return message.readShort();
            case "char": return message.readChar();
            case "int": return message.readInt();
            case "long": return message.readLong();
            case "float": return message.readFloat();
            case "double": return message.readDouble();
            case "String": return message.readString();
            case "byte[]":
                byte[] buffer = new byte[16];
                int length = message.readBytes(buffer);
                return java.util.Arrays.copyOf(buffer, length);
            default: throw new IllegalArgumentException(type);
        }
    }
}
