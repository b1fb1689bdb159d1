package dev.ferry.jms.selector;

/**
 * The three truth values of a selector condition (SQL92 NULL semantics, §3.8.1.2). Only {@link #TRUE} selects a
 * message; {@link #FALSE} and {@link #UNKNOWN} do not.
 */
public enum Truth {
    TRUE,
    FALSE,
    UNKNOWN;

    public static Truth of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** Table 3-4: FALSE wins, then UNKNOWN. */
    public Truth and(Truth other) {
        if (this == FALSE || other == FALSE) {
            return FALSE;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : TRUE;
    }

    /** Table 3-5: TRUE wins, then UNKNOWN. */
    public Truth or(Truth other) {
        if (this == TRUE || other == TRUE) {
            return TRUE;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : FALSE;
    }

    /** Table 3-6: UNKNOWN stays UNKNOWN. */
    public Truth not() {
        switch (this) {
            case TRUE:
                return FALSE;
            case FALSE:
                return TRUE;
            default:
                return UNKNOWN;
        }
    }
}
