package dev.ferry.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message whose body is a set of named primitive values, Strings and byte arrays, read back with the
 * conversions of JMS 3.1 §3.11.3 (see {@link TypeConversions}). Entries keep the order they were set in.
 */
public class FerryMapMessage extends FerryMessage implements MapMessage {

    private Map<String, Object> entries = new LinkedHashMap<>();

    public FerryMapMessage() {
    }

    @Override
    public BodyType bodyType() {
        return BodyType.MAP;
    }

    // ---- reading ------------------------------------------------------------------------------------------

    @Override
    public boolean getBoolean(String name) throws JMSException {
        return TypeConversions.toBoolean(entries.get(name), describe(name));
    }

    @Override
    public byte getByte(String name) throws JMSException {
        return TypeConversions.toByte(entries.get(name), describe(name));
    }

    @Override
    public short getShort(String name) throws JMSException {
        return TypeConversions.toShort(entries.get(name), describe(name));
    }

    @Override
    public char getChar(String name) throws JMSException {
        return TypeConversions.toChar(entries.get(name), describe(name));
    }

    @Override
    public int getInt(String name) throws JMSException {
        return TypeConversions.toInt(entries.get(name), describe(name));
    }

    @Override
    public long getLong(String name) throws JMSException {
        return TypeConversions.toLong(entries.get(name), describe(name));
    }

    @Override
    public float getFloat(String name) throws JMSException {
        return TypeConversions.toFloat(entries.get(name), describe(name));
    }

    @Override
    public double getDouble(String name) throws JMSException {
        return TypeConversions.toDouble(entries.get(name), describe(name));
    }

    @Override
    public String getString(String name) throws JMSException {
        return TypeConversions.toStringValue(entries.get(name), describe(name));
    }

    /** A copy of the bytes, or null when the entry is absent or null. */
    @Override
    public byte[] getBytes(String name) throws JMSException {
        return TypeConversions.toBytes(entries.get(name), describe(name));
    }

    /** The value as set (a byte[] is copied so the message cannot be changed through it). */
    @Override
    public Object getObject(String name) {
        Object value = entries.get(name);
        return value instanceof byte[] ? ((byte[]) value).clone() : value;
    }

    @Override
    public Enumeration<String> getMapNames() {
        return Collections.enumeration(new ArrayList<>(entries.keySet()));
    }

    @Override
    public boolean itemExists(String name) {
        return entries.containsKey(name);
    }

    // ---- writing ------------------------------------------------------------------------------------------

    @Override
    public void setBoolean(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws JMSException {
        put(name, value);
    }

    /** Stores a copy of the array (or null). */
    @Override
    public void setBytes(String name, byte[] value) throws JMSException {
        put(name, value == null ? null : value.clone());
    }

    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        if (offset < 0 || length < 0 || offset > value.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + " and length " + length
                    + " are outside the array of " + value.length + " bytes");
        }
        byte[] copy = new byte[length];
        System.arraycopy(value, offset, copy, 0, length);
        put(name, copy);
    }

    /** Takes boxed primitives, String, byte[] (copied) and null; anything else is a MessageFormatException. */
    @Override
    public void setObject(String name, Object value) throws JMSException {
        if (!TypeConversions.isBodyValue(value)) {
            checkName(name);
            throw new MessageFormatException("map entry '" + name + "' cannot hold a " + value.getClass().getName()
                    + "; MapMessage entries are boxed primitives, String or byte[]");
        }
        put(name, value instanceof byte[] ? ((byte[]) value).clone() : value);
    }

    private void put(String name, Object value) throws JMSException {
        checkName(name);
        checkBodyWritable();
        entries.put(name, value);
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("MapMessage entry name must not be null or empty");
        }
    }

    private static String describe(String name) {
        return "map entry '" + name + "'";
    }

    // ---- body as a whole ----------------------------------------------------------------------------------

    /** The live entries, for the codec. */
    Map<String, Object> entries() {
        return entries;
    }

    /** Installs stored entries (taken over, not copied). */
    void setStoredEntries(Map<String, Object> stored) {
        this.entries = stored;
    }

    @Override
    void clearBodyContent() {
        entries = new LinkedHashMap<>();
    }

    /** A copy of the entries as a {@code Map}; a map without entries has no body (null). */
    @Override
    Object bodyForAssignment() {
        if (entries.isEmpty()) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>(entries);
        copy.replaceAll((name, value) -> value instanceof byte[] ? ((byte[]) value).clone() : value);
        return copy;
    }

    @Override
    String bodySummary() {
        return entries.size() + " entries";
    }
}
