package dev.ferry.jms.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;

import java.util.Arrays;

/**
 * A message whose body is a stream of uninterpreted bytes, written and read in the big-endian layout of
 * {@link java.io.DataOutputStream} (JMS 3.1 §3.11). A new message is write-only until {@link #reset()}; a
 * received one is read-only until {@link #clearBody()}.
 */
public class FerryBytesMessage extends FerryMessage implements BytesMessage {

    private static final byte[] EMPTY = new byte[0];
    /** {@code writeUTF} prefixes the encoded string with an unsigned 16-bit length, as DataOutput does. */
    private static final int MAX_UTF_LENGTH = 65535;

    private byte[] buffer = EMPTY;
    private int length;
    private int position;

    public FerryBytesMessage() {
    }

    @Override
    public BodyType bodyType() {
        return BodyType.BYTES;
    }

    // ---- reading ------------------------------------------------------------------------------------------

    @Override
    public long getBodyLength() throws JMSException {
        checkBodyReadable();
        return length;
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return require(1, "boolean")[position++] != 0;
    }

    @Override
    public byte readByte() throws JMSException {
        return require(1, "byte")[position++];
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return require(1, "unsigned byte")[position++] & 0xFF;
    }

    @Override
    public short readShort() throws JMSException {
        return (short) readUnsigned16("short");
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return readUnsigned16("unsigned short");
    }

    @Override
    public char readChar() throws JMSException {
        return (char) readUnsigned16("char");
    }

    @Override
    public int readInt() throws JMSException {
        byte[] b = require(4, "int");
        int p = position;
        position += 4;
        return (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | b[p + 3] & 0xFF;
    }

    @Override
    public long readLong() throws JMSException {
        byte[] b = require(8, "long");
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (b[position + i] & 0xFF);
        }
        position += 8;
        return value;
    }

    @Override
    public float readFloat() throws JMSException {
        require(4, "float");
        return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws JMSException {
        require(8, "double");
        return Double.longBitsToDouble(readLong());
    }

    /** Reads a string written by {@link #writeUTF} (modified UTF-8 with a two-byte length, as DataInput). */
    @Override
    public String readUTF() throws JMSException {
        byte[] b = require(2, "UTF string length");
        int utfLength = (b[position] & 0xFF) << 8 | (b[position + 1] & 0xFF);
        if (length - position - 2 < utfLength) {
            throw new MessageEOFException("a UTF string of " + utfLength + " bytes was expected but only "
                    + (length - position - 2) + " bytes remain in the BytesMessage");
        }
        char[] chars = new char[utfLength];
        int count = 0;
        int p = position + 2;
        int end = p + utfLength;
        while (p < end) {
            int c = b[p] & 0xFF;
            if (c < 0x80) {
                chars[count++] = (char) c;
                p++;
            } else if ((c & 0xE0) == 0xC0 && p + 1 < end && (b[p + 1] & 0xC0) == 0x80) {
                chars[count++] = (char) ((c & 0x1F) << 6 | (b[p + 1] & 0x3F));
                p += 2;
            } else if ((c & 0xF0) == 0xE0 && p + 2 < end && (b[p + 1] & 0xC0) == 0x80 && (b[p + 2] & 0xC0) == 0x80) {
                chars[count++] = (char) ((c & 0x0F) << 12 | (b[p + 1] & 0x3F) << 6 | (b[p + 2] & 0x3F));
                p += 3;
            } else {
                throw new MessageFormatException("malformed modified UTF-8 at body offset " + p
                        + "; the bytes were not written by writeUTF");
            }
        }
        position = end;
        return new String(chars, 0, count);
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    /** Copies up to {@code length} bytes; returns how many, or -1 when the body is exhausted. */
    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        checkBodyReadable();
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("length " + length + " is outside the buffer of " + value.length
                    + " bytes");
        }
        int remaining = this.length - position;
        if (remaining == 0) {
            return -1;
        }
        int count = Math.min(length, remaining);
        System.arraycopy(buffer, position, value, 0, count);
        position += count;
        return count;
    }

    /** Puts the body in read-only mode at its start (JMS 3.1 §3.11.4). */
    @Override
    public void reset() {
        setBodyReadOnly(true);
        position = 0;
    }

    private byte[] require(int bytes, String what) throws JMSException {
        checkBodyReadable();
        if (length - position < bytes) {
            throw new MessageEOFException("cannot read a " + what + " (" + bytes + " bytes): "
                    + (length - position) + " bytes remain in the BytesMessage");
        }
        return buffer;
    }

    private int readUnsigned16(String what) throws JMSException {
        byte[] b = require(2, what);
        int value = (b[position] & 0xFF) << 8 | (b[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    // ---- writing ------------------------------------------------------------------------------------------

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        ensure(1)[length++] = (byte) (value ? 1 : 0);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        ensure(1)[length++] = value;
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write16(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write16(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        byte[] b = ensure(4);
        b[length] = (byte) (value >>> 24);
        b[length + 1] = (byte) (value >>> 16);
        b[length + 2] = (byte) (value >>> 8);
        b[length + 3] = (byte) value;
        length += 4;
    }

    @Override
    public void writeLong(long value) throws JMSException {
        byte[] b = ensure(8);
        for (int i = 7; i >= 0; i--) {
            b[length + i] = (byte) value;
            value >>>= 8;
        }
        length += 8;
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        writeInt(Float.floatToRawIntBits(value));
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        writeLong(Double.doubleToRawLongBits(value));
    }

    /** Writes modified UTF-8 with a two-byte length, as {@link java.io.DataOutput#writeUTF} does. */
    @Override
    public void writeUTF(String value) throws JMSException {
        checkBodyWritable();
        if (value == null) {
            throw new NullPointerException("writeUTF needs a String, not null");
        }
        int utfLength = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            utfLength += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        if (utfLength > MAX_UTF_LENGTH) {
            throw new MessageFormatException("writeUTF can write at most " + MAX_UTF_LENGTH + " encoded bytes; this "
                    + "string needs " + utfLength + ". Use writeBytes with an explicit encoding instead");
        }
        byte[] b = ensure(2 + utfLength);
        int p = length;
        b[p++] = (byte) (utfLength >>> 8);
        b[p++] = (byte) utfLength;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                b[p++] = (byte) c;
            } else if (c <= 0x07FF) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        length = p;
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        writeBytes(value, 0, value.length);
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        checkBodyWritable();
        if (offset < 0 || length < 0 || offset > value.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + " and length " + length
                    + " are outside the array of " + value.length + " bytes");
        }
        byte[] b = ensure(length);
        System.arraycopy(value, offset, b, this.length, length);
        this.length += length;
    }

    /**
     * Writes a boxed primitive, String (as {@link #writeUTF}) or byte[]; anything else is a
     * {@link MessageFormatException}, and null a {@link NullPointerException}, as the API says.
     */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("BytesMessage.writeObject cannot write null");
        }
        if (value instanceof Boolean) {
            writeBoolean((Boolean) value);
        } else if (value instanceof Byte) {
            writeByte((Byte) value);
        } else if (value instanceof Short) {
            writeShort((Short) value);
        } else if (value instanceof Character) {
            writeChar((Character) value);
        } else if (value instanceof Integer) {
            writeInt((Integer) value);
        } else if (value instanceof Long) {
            writeLong((Long) value);
        } else if (value instanceof Float) {
            writeFloat((Float) value);
        } else if (value instanceof Double) {
            writeDouble((Double) value);
        } else if (value instanceof String) {
            writeUTF((String) value);
        } else if (value instanceof byte[]) {
            writeBytes((byte[]) value);
        } else {
            throw new MessageFormatException("BytesMessage.writeObject cannot write a " + value.getClass().getName()
                    + "; it takes boxed primitives, String and byte[]");
        }
    }

    private void write16(int value) throws JMSException {
        byte[] b = ensure(2);
        b[length] = (byte) (value >>> 8);
        b[length + 1] = (byte) value;
        length += 2;
    }

    private byte[] ensure(int extra) throws JMSException {
        checkBodyWritable();
        int needed = length + extra;
        if (needed < 0) {
            throw new MessageFormatException("a BytesMessage body cannot exceed " + Integer.MAX_VALUE + " bytes");
        }
        if (needed > buffer.length) {
            int grown = Math.max(needed, Math.max(64, buffer.length * 2));
            buffer = Arrays.copyOf(buffer, grown < 0 ? needed : grown);
        }
        return buffer;
    }

    // ---- body as a whole ----------------------------------------------------------------------------------

    /** A copy of the whole body, whatever the read/write mode and position. */
    byte[] content() {
        return Arrays.copyOf(buffer, length);
    }

    /**
     * Installs a stored body, shared rather than copied: it is never written to, because writing needs
     * {@link #clearBody()} first, which replaces the array.
     */
    void setStoredContent(byte[] content) {
        buffer = content == null ? EMPTY : content;
        length = buffer.length;
        position = 0;
    }

    @Override
    void clearBodyContent() {
        buffer = EMPTY;
        length = 0;
        position = 0;
    }

    @Override
    void markReceived() {
        super.markReceived();
        position = 0;
    }

    /** The whole body as a new array; a message without bytes has no body (null). */
    @Override
    Object bodyForAssignment() {
        return length == 0 ? null : content();
    }

    @Override
    String bodySummary() {
        return length + " bytes";
    }
}
