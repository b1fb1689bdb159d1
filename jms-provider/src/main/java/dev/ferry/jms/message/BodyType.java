package dev.ferry.jms.message;

/**
 * The kind of body a message carries; its {@link #code()} is what the store keeps in
 * {@link dev.ferry.store.MessageRecord#bodyType()}. Codes are persistent: never renumber them.
 */
public enum BodyType {
    PLAIN(0),
    TEXT(1),
    BYTES(2),
    MAP(3),
    STREAM(4),
    OBJECT(5);

    private static final BodyType[] BY_CODE = values();

    private final int code;

    BodyType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static BodyType ofCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("unknown message body type code " + code
                    + "; known codes are 0.." + (BY_CODE.length - 1));
        }
        return BY_CODE[code];
    }
}
