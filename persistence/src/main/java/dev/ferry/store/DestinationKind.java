package dev.ferry.store;

/** Point-to-point or publish/subscribe. A queue holds deliveries itself; a topic fans out to subscriptions. */
public enum DestinationKind {
    QUEUE('Q'),
    TOPIC('T');

    private final char code;

    DestinationKind(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    public static DestinationKind ofCode(char code) {
        for (DestinationKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown destination kind code " + code);
    }
}
