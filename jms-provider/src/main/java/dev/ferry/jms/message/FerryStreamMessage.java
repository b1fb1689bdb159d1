package dev.ferry.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.StreamMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * A message whose body is a sequence of typed values, read back in order with the conversions of JMS 3.1
 * §3.11.3 (see {@link TypeConversions}). A read that fails with {@link MessageFormatException} or
 * {@link NumberFormatException} leaves the position where it was, so the value can be read again as another
 * type. A new message is write-only until {@link #reset()}; a received one is read-only until
 * {@link #clearBody()}.
 */
public class FerryStreamMessage extends FerryMessage implements StreamMessage {

    private List<Object> fields = new ArrayList<>();
    /** Index of the next field to read. */
    private int position;
    /** While a byte[] field is being read piecewise by readBytes: how much of it has been read, else -1. */
    private int bytesOffset = -1;

    public FerryStreamMessage() {
    }

    @Override
    public BodyType bodyType() {
        return BodyType.STREAM;
    }

    // ---- reading ------------------------------------------------------------------------------------------

    @Override
    public boolean readBoolean() throws JMSException {
        boolean value = TypeConversions.toBoolean(next(), describe());
        position++;
        return value;
    }

    @Override
    public byte readByte() throws JMSException {
        byte value = TypeConversions.toByte(next(), describe());
        position++;
        return value;
    }

    @Override
    public short readShort() throws JMSException {
        short value = TypeConversions.toShort(next(), describe());
        position++;
        return value;
    }

    @Override
    public char readChar() throws JMSException {
        char value = TypeConversions.toChar(next(), describe());
        position++;
        return value;
    }

    @Override
    public int readInt() throws JMSException {
        int value = TypeConversions.toInt(next(), describe());
        position++;
        return value;
    }

    @Override
    public long readLong() throws JMSException {
        long value = TypeConversions.toLong(next(), describe());
        position++;
        return value;
    }

    @Override
    public float readFloat() throws JMSException {
        float value = TypeConversions.toFloat(next(), describe());
        position++;
        return value;
    }

    @Override
    public double readDouble() throws JMSException {
        double value = TypeConversions.toDouble(next(), describe());
        position++;
        return value;
    }

    @Override
    public String readString() throws JMSException {
        String value = TypeConversions.toStringValue(next(), describe());
        position++;
        return value;
    }

    /**
     * Reads a byte[] field piecewise (JMS 3.1 {@code StreamMessage.readBytes}): each call copies up to
     * {@code value.length} bytes and returns how many; a return smaller than the buffer ends the field, and
     * after a call that filled the buffer exactly the next call returns -1. A null field returns -1. Until the
     * field is finished no other read is allowed.
     */
    @Override
    public int readBytes(byte[] value) throws JMSException {
        byte[] field;
        if (bytesOffset < 0) {
            Object next = next();
            if (next == null) {
                position++;
                return -1;
            }
            if (!(next instanceof byte[])) {
                throw new MessageFormatException(describe() + " holds a " + TypeConversions.typeName(next)
                        + ", which cannot be read as byte[] (JMS 3.1 conversion table)");
            }
            field = (byte[]) next;
            bytesOffset = 0;
        } else {
            checkBodyReadable();
            field = (byte[]) fields.get(position);
            if (bytesOffset == field.length) {
                finishBytes();
                return -1;
            }
        }
        int count = Math.min(value.length, field.length - bytesOffset);
        System.arraycopy(field, bytesOffset, value, 0, count);
        bytesOffset += count;
        if (count < value.length) {
            finishBytes();
        }
        return count;
    }

    /** The next field as written (a byte[] is copied). */
    @Override
    public Object readObject() throws JMSException {
        Object value = next();
        position++;
        return value instanceof byte[] ? ((byte[]) value).clone() : value;
    }

    /** Puts the body in read-only mode at its first field (JMS 3.1 §3.11.4). */
    @Override
    public void reset() {
        setBodyReadOnly(true);
        position = 0;
        bytesOffset = -1;
    }

    private Object next() throws JMSException {
        checkBodyReadable();
        if (bytesOffset >= 0) {
            throw new MessageFormatException("the byte[] " + describe() + " has been partly read with readBytes; "
                    + "read it to its end (until readBytes returns less than the buffer or -1) before reading on");
        }
        if (position >= fields.size()) {
            throw new MessageEOFException("the end of the StreamMessage has been reached (" + fields.size()
                    + " fields)");
        }
        return fields.get(position);
    }

    private void finishBytes() {
        bytesOffset = -1;
        position++;
    }

    private String describe() {
        return "stream field " + position;
    }

    // ---- writing ------------------------------------------------------------------------------------------

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        add(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        add(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        add(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        add(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        add(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        add(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        add(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        add(value);
    }

    @Override
    public void writeString(String value) throws JMSException {
        add(value);
    }

    /** Writes a copy of the array as one field; null writes a null field. */
    @Override
    public void writeBytes(byte[] value) throws JMSException {
        add(value == null ? null : value.clone());
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        if (offset < 0 || length < 0 || offset > value.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + " and length " + length
                    + " are outside the array of " + value.length + " bytes");
        }
        byte[] copy = new byte[length];
        System.arraycopy(value, offset, copy, 0, length);
        add(copy);
    }

    /** Takes boxed primitives, String, byte[] (copied) and null; anything else is a MessageFormatException. */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (!TypeConversions.isBodyValue(value)) {
            throw new MessageFormatException("StreamMessage.writeObject cannot write a " + value.getClass().getName()
                    + "; it takes boxed primitives, String and byte[]");
        }
        add(value instanceof byte[] ? ((byte[]) value).clone() : value);
    }

    private void add(Object value) throws JMSException {
        checkBodyWritable();
        fields.add(value);
    }

    // ---- body as a whole ----------------------------------------------------------------------------------

    /** The live fields, for the codec, whatever the mode and position. */
    List<Object> fields() {
        return fields;
    }

    /** Installs stored fields (taken over, not copied). */
    void setStoredFields(List<Object> stored) {
        this.fields = stored;
        position = 0;
        bytesOffset = -1;
    }

    @Override
    void clearBodyContent() {
        fields = new ArrayList<>();
        position = 0;
        bytesOffset = -1;
    }

    @Override
    void markReceived() {
        super.markReceived();
        position = 0;
        bytesOffset = -1;
    }

    /** A StreamMessage body can never be had with getBody (JMS 3.1 {@code Message.getBody}). */
    @Override
    Object bodyForAssignment() {
        return null;
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        throw new MessageFormatException("the body of a StreamMessage cannot be had with getBody; read it with "
                + "the StreamMessage read methods");
    }

    @SuppressWarnings("rawtypes")
    @Override
    public boolean isBodyAssignableTo(Class c) {
        return false;
    }

    @Override
    String bodySummary() {
        return fields.size() + " fields";
    }
}
