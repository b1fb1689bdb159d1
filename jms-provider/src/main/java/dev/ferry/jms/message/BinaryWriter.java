package dev.ferry.jms.message;

import java.util.Arrays;

/**
 * A growable big-endian byte buffer for the stored forms of properties and map/stream bodies. Unlike
 * {@code DataOutputStream} over a {@code ByteArrayOutputStream} it has no locks and no per-call stream
 * overhead, which matters on the send path. Strings are written with {@link #writeString}: a length and the
 * chars in the UTF-8 layout applied to each UTF-16 char on its own (surrogates as three bytes each), so every
 * Java String, even one with an unpaired surrogate, round-trips exactly.
 */
final class BinaryWriter {

    private byte[] buffer;
    private int size;

    BinaryWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    void writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
    }

    void writeShort(int value) {
        ensure(2);
        buffer[size] = (byte) (value >>> 8);
        buffer[size + 1] = (byte) value;
        size += 2;
    }

    void writeInt(int value) {
        ensure(4);
        byte[] b = buffer;
        int p = size;
        b[p] = (byte) (value >>> 24);
        b[p + 1] = (byte) (value >>> 16);
        b[p + 2] = (byte) (value >>> 8);
        b[p + 3] = (byte) value;
        size = p + 4;
    }

    void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }

    /** An unsigned variable-length int: 7 bits a byte, high bit set on all but the last. */
    void writeVarInt(int value) {
        ensure(5);
        while ((value & ~0x7F) != 0) {
            buffer[size++] = (byte) (value & 0x7F | 0x80);
            value >>>= 7;
        }
        buffer[size++] = (byte) value;
    }

    /** A nullable string: varint of (encoded length + 1), 0 meaning null, then the encoded chars. */
    void writeString(String value) {
        if (value == null) {
            writeVarInt(0);
            return;
        }
        int chars = value.length();
        int encoded = 0;
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            encoded += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        writeVarInt(encoded + 1);
        ensure(encoded);
        byte[] b = buffer;
        int p = size;
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        size = p;
    }

    /** A nullable byte array: varint of (length + 1), 0 meaning null, then the bytes. */
    void writeBytes(byte[] value) {
        if (value == null) {
            writeVarInt(0);
            return;
        }
        writeVarInt(value.length + 1);
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
    }

    private void ensure(int extra) {
        int needed = size + extra;
        if (needed < 0) {
            throw new IllegalStateException("encoded message part exceeds 2 GiB");
        }
        if (needed > buffer.length) {
            long grown = Math.max((long) buffer.length * 2, needed);
            buffer = Arrays.copyOf(buffer, (int) Math.min(grown, Integer.MAX_VALUE - 8));
        }
    }
}
