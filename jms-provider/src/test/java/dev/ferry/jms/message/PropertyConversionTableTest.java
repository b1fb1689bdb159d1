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
 * JMS 3.1 §3.5.4: a property set as the row's type and read as the column's type gives the value shown, and
 * every empty cell of the spec's table is a MessageFormatException. One dynamic test per cell.
 */
class PropertyConversionTableTest {

    /** Marks a conversion the spec forbids. */
    private static final Object FORBIDDEN = new Object();

    private static final String[] READ_AS = {"boolean", "byte", "short", "int", "long", "float", "double", "String"};

    private static final Object[][] TABLE = {
            // written            boolean      byte       short             int   long  float       double  String
            {true,                 true,        FORBIDDEN, FORBIDDEN,        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, "true"},
            {(byte) 1,             FORBIDDEN,   (byte) 1,  (short) 1,        1,    1L,   FORBIDDEN,  FORBIDDEN, "1"},
            {(short) 2,            FORBIDDEN,   FORBIDDEN, (short) 2,        2,    2L,   FORBIDDEN,  FORBIDDEN, "2"},
            {3,                    FORBIDDEN,   FORBIDDEN, FORBIDDEN,        3,    3L,   FORBIDDEN,  FORBIDDEN, "3"},
            {4L,                   FORBIDDEN,   FORBIDDEN, FORBIDDEN,        FORBIDDEN, 4L, FORBIDDEN, FORBIDDEN, "4"},
            {5.5f,                 FORBIDDEN,   FORBIDDEN, FORBIDDEN,        FORBIDDEN, FORBIDDEN, 5.5f, 5.5d, "5.5"},
            {6.5d,                 FORBIDDEN,   FORBIDDEN, FORBIDDEN,        FORBIDDEN, FORBIDDEN, FORBIDDEN, 6.5d, "6.5"},
            {"7",                  false,       (byte) 7,  (short) 7,        7,    7L,   7f,         7d,    "7"},
    };

    @TestFactory
    List<DynamicTest> everyCellOfTheSpecTable() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Object[] row : TABLE) {
            Object written = row[0];
            for (int column = 0; column < READ_AS.length; column++) {
                String readAs = READ_AS[column];
                Object expected = row[column + 1];
                String name = TypeConversions.typeName(written) + " read as " + readAs
                        + (expected == FORBIDDEN ? " is a MessageFormatException" : " gives " + expected);
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    FerryMessage message = new FerryPlainMessage();
                    message.setObjectProperty("p", written);
                    if (expected == FORBIDDEN) {
                        assertThatThrownBy(() -> read(message, "p", readAs)).isInstanceOf(MessageFormatException.class)
                                .hasMessageContaining("'p'");
                    } else {
                        assertThat(read(message, "p", readAs)).isEqualTo(expected);
                    }
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> theTableHoldsOnAReceivedMessageToo() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Object[] row : TABLE) {
            Object written = row[0];
            tests.add(DynamicTest.dynamicTest(TypeConversions.typeName(written) + " converts after a round trip", () -> {
                FerryMessage sent = new FerryPlainMessage();
                sent.setObjectProperty("p", written);
                FerryMessage received = Received.copyOf(sent);
                for (int column = 0; column < READ_AS.length; column++) {
                    Object expected = row[column + 1];
                    if (expected != FORBIDDEN) {
                        assertThat(read(received, "p", READ_AS[column])).isEqualTo(expected);
                    }
                }
                assertThat(received.getObjectProperty("p")).isEqualTo(written);
            }));
        }
        return tests;
    }

    static Object read(FerryMessage message, String name, String type) throws JMSException {
        switch (type) {
            case "boolean": return message.getBooleanProperty(name);
            case "byte": return message.getByteProperty(name);
            case "short": return message.getShortProperty(name);
            case "int": return message.getIntProperty(name);
            case "long": return message.getLongProperty(name);
            case "float": return message.getFloatProperty(name);
            case "double": return message.getDoubleProperty(name);
            case "String": return message.getStringProperty(name);
            default: throw new IllegalArgumentException(type);
        }
    }
}
