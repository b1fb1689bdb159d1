package dev.ferry.jms.message;

import jakarta.jms.MessageFormatException;

/**
 * The spec's conversion tables in one place: reading a message property (JMS 3.1 §3.5.4) and reading a
 * {@code MapMessage} entry or {@code StreamMessage} field (§3.11.3) as a given type. The property table is the
 * map/stream table without {@code char} and {@code byte[]}, which a property can never hold, so one set of
 * methods serves both.
 *
 * <p>Rows of the tables (the type written) against the methods here (the type read):
 * <pre>
 *   written \ read  boolean byte short char int long float double String byte[]
 *   boolean            X                                          X
 *   byte                    X    X          X    X                X
 *   short                        X          X    X                X
 *   char                               X                          X
 *   int                                     X    X                X
 *   long                                         X                X
 *   float                                              X    X     X
 *   double                                                  X     X
 *   String             X    X    X          X    X     X    X     X
 *   byte[]                                                               X
 * </pre>
 * Reading an absent or {@code null} value as a primitive behaves as the primitive's {@code valueOf((String)
 * null)}: {@code false} for boolean, {@link NumberFormatException} for the integral types and
 * {@link NullPointerException} for float and double (that is what {@code Float.valueOf(null)} does); a null
 * char throws {@link NullPointerException} (§3.11.3). Every other disallowed conversion throws
 * {@link MessageFormatException}. Each method takes {@code what}, the value's description for messages
 * (e.g. {@code property 'color'}).
 */
final class TypeConversions {

    private TypeConversions() {
    }

    static boolean toBoolean(Object value, String what) throws MessageFormatException {
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value == null || value instanceof String) {
            return Boolean.parseBoolean((String) value);
        }
        throw cannotConvert(value, what, "boolean");
    }

    static byte toByte(Object value, String what) throws MessageFormatException {
        if (value instanceof Byte) {
            return (Byte) value;
        }
        if (value == null || value instanceof String) {
            try {
                return Byte.parseByte(nullAsNumberFormat((String) value, what));
            } catch (NumberFormatException e) {
                throw notANumber(value, what, "byte", e);
            }
        }
        throw cannotConvert(value, what, "byte");
    }

    static short toShort(Object value, String what) throws MessageFormatException {
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).shortValue();
        }
        if (value == null || value instanceof String) {
            try {
                return Short.parseShort(nullAsNumberFormat((String) value, what));
            } catch (NumberFormatException e) {
                throw notANumber(value, what, "short", e);
            }
        }
        throw cannotConvert(value, what, "short");
    }

    static char toChar(Object value, String what) throws MessageFormatException {
        if (value instanceof Character) {
            return (Character) value;
        }
        if (value == null) {
            throw new NullPointerException(what + " is null and cannot be read as a char (JMS 3.1 §3.11.3)");
        }
        throw cannotConvert(value, what, "char");
    }

    static int toInt(Object value, String what) throws MessageFormatException {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value == null || value instanceof String) {
            try {
                return Integer.parseInt(nullAsNumberFormat((String) value, what));
            } catch (NumberFormatException e) {
                throw notANumber(value, what, "int", e);
            }
        }
        throw cannotConvert(value, what, "int");
    }

    static long toLong(Object value, String what) throws MessageFormatException {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value == null || value instanceof String) {
            try {
                return Long.parseLong(nullAsNumberFormat((String) value, what));
            } catch (NumberFormatException e) {
                throw notANumber(value, what, "long", e);
            }
        }
        throw cannotConvert(value, what, "long");
    }

    static float toFloat(Object value, String what) throws MessageFormatException {
        if (value instanceof Float) {
            return (Float) value;
        }
        if (value == null) {
            // Float.valueOf((String) null) throws NullPointerException, not NumberFormatException
            throw new NullPointerException(what + " is not set and cannot be read as a float");
        }
        if (value instanceof String) {
            try {
                return Float.parseFloat((String) value);
            } catch (NumberFormatException e) {
                throw notANumber(value, what, "float", e);
            }
        }
        throw cannotConvert(value, what, "float");
    }

    static double toDouble(Object value, String what) throws MessageFormatException {
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value == null) {
            // Double.valueOf((String) null) throws NullPointerException, not NumberFormatException
            throw new NullPointerException(what + " is not set and cannot be read as a double");
        }
        if (value instanceof String) {
            try {
                return Double.parseDouble((String) value);
            } catch (NumberFormatException e) {
                throw notANumber(value, what, "double", e);
            }
        }
        throw cannotConvert(value, what, "double");
    }

    static String toStringValue(Object value, String what) throws MessageFormatException {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof byte[]) {
            throw cannotConvert(value, what, "String");
        }
        return value.toString();
    }

    static byte[] toBytes(Object value, String what) throws MessageFormatException {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[]) {
            return ((byte[]) value).clone();
        }
        throw cannotConvert(value, what, "byte[]");
    }

    /** Whether a value may be a message property: the boxed primitives except Character, String, or null. */
    static boolean isPropertyValue(Object value) {
        return value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Boolean || value instanceof Double || value instanceof Float
                || value instanceof Short || value instanceof Byte;
    }

    /** Whether a value may be a map entry or stream field: a property value, a Character or a byte[]. */
    static boolean isBodyValue(Object value) {
        return isPropertyValue(value) || value instanceof Character || value instanceof byte[];
    }

    /** The name of a value's type as the spec's tables say it, for messages. */
    static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[]) {
            return "byte[]";
        }
        if (value instanceof String) {
            return "String";
        }
        if (value instanceof Character) {
            return "char";
        }
        return value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static String nullAsNumberFormat(String value, String what) {
        if (value == null) {
            // what Integer.valueOf((String) null) and its siblings do (JMS 3.1 §3.5.4)
            throw new NumberFormatException(what + " is not set (null) and cannot be read as a number");
        }
        return value;
    }

    private static NumberFormatException notANumber(Object value, String what, String target,
                                                    NumberFormatException cause) {
        if (value == null) {
            return cause;
        }
        NumberFormatException e = new NumberFormatException(what + " holds the String \"" + abbreviate((String) value)
                + "\", which is not a valid " + target);
        e.initCause(cause);
        return e;
    }

    private static MessageFormatException cannotConvert(Object value, String what, String target) {
        return new MessageFormatException(what + " holds a " + typeName(value) + ", which cannot be read as "
                + target + " (JMS 3.1 conversion table)");
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
