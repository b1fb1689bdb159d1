package dev.ferry.jms.message;

import jakarta.jms.MessageFormatException;

/** Reads what {@link BinaryWriter} wrote; any inconsistency is a {@link MessageFormatException}. */
final class BinaryReader {

    private final byte[] buffer;
    private final String part;
    private int position;

    /** {@code part} names what is being read (e.g. "properties"), for messages about corrupt data. */
    BinaryReader(byte[] buffer, String part) {
        this.buffer = buffer;
        this.part = part;
    }

    boolean atEnd() {
        return position == buffer.length;
    }

    int readByte() throws MessageFormatException {
        require(1);
        return buffer[position++];
    }

    short readShort() throws MessageFormatException {
        require(2);
        int p = position;
        position += 2;
        return (short) ((buffer[p] & 0xFF) << 8 | buffer[p + 1] & 0xFF);
    }

    int readInt() throws MessageFormatException {
        require(4);
        byte[] b = buffer;
        int p = position;
        position += 4;
        return (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | b[p + 3] & 0xFF;
    }

    long readLong() throws MessageFormatException {
        return (long) readInt() << 32 | readInt() & 0xFFFFFFFFL;
    }

    int readVarInt() throws MessageFormatException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw corrupt("variable-length int longer than 5 bytes");
    }

    String readString() throws MessageFormatException {
        int length = readVarInt() - 1;
        if (length < 0) {
            return null;
        }
        require(length);
        byte[] b = buffer;
        int p = position;
        int end = p + length;
        char[] chars = new char[length];
        int count = 0;
        while (p < end) {
            int c = b[p];
            if (c >= 0) {
                chars[count++] = (char) c;
                p++;
            } else if ((c & 0xE0) == 0xC0 && p + 1 < end) {
                chars[count++] = (char) ((c & 0x1F) << 6 | b[p + 1] & 0x3F);
                p += 2;
            } else if ((c & 0xF0) == 0xE0 && p + 2 < end) {
                chars[count++] = (char) ((c & 0x0F) << 12 | (b[p + 1] & 0x3F) << 6 | b[p + 2] & 0x3F);
                p += 3;
            } else {
                throw corrupt("malformed string at offset " + p);
            }
        }
        position = end;
        return new String(chars, 0, count);
    }

    byte[] readBytes() throws MessageFormatException {
        int length = readVarInt() - 1;
        if (length < 0) {
            return null;
        }
        require(length);
        byte[] value = new byte[length];
        System.arraycopy(buffer, position, value, 0, length);
        position += length;
        return value;
    }

    MessageFormatException corrupt(String problem) {
        return new MessageFormatException("the stored " + part + " of a message cannot be read (corrupt data): " + problem);
    }

    private void require(int bytes) throws MessageFormatException {
        if (bytes < 0 || buffer.length - position < bytes) {
            throw corrupt("needed " + bytes + " more bytes at offset " + position + " of " + buffer.length);
        }
    }
}
