package dev.ferry.jms.selector;

/**
 * The type rules of selector evaluation, in one place (§3.8.1.1 and §3.8.1.2). Values are what a {@link
 * SelectorContext} returns; null is SQL's NULL. Where the specification is silent the choice is written here:
 * <ul>
 *   <li>Numbers: Byte, Short, Integer and Long are exact and promoted to long; Float and Double are approximate and
 *       promoted to double; a comparison or operation with one approximate side is done in double, as Java's
 *       numeric promotion does. Any other value (a Character, a BigDecimal, an array) has no selector type.</li>
 *   <li>Comparisons: NULL on either side is UNKNOWN. Otherwise values of unlike types compare FALSE, for every
 *       operator including {@code <>}, as the specification says. Strings and booleans support only {@code =} and
 *       {@code <>}; ordering them is FALSE in the same way.</li>
 *   <li>Arithmetic on NULL or on a value that is not a number is UNKNOWN (as arithmetic with NULL is); so is a
 *       division by zero, exact or approximate: Java would throw or produce an infinity, SQL raises an error, and a
 *       selector must neither fail a delivery nor invent a value. Exact arithmetic wraps around like Java's.</li>
 *   <li>A property used as a condition is its Boolean value; NULL or a non-boolean value is UNKNOWN.</li>
 * </ul>
 */
final class SelectorValues {

    static final int NULL = 0;
    static final int EXACT = 1;
    static final int APPROXIMATE = 2;
    static final int STRING = 3;
    static final int BOOLEAN = 4;
    static final int OTHER = 5;

    private SelectorValues() {
    }

    static int kind(Object value) {
        if (value == null) {
            return NULL;
        }
        // The common types first; getClass() comparisons are cheaper than a chain of instanceof on interfaces.
        Class<?> type = value.getClass();
        if (type == String.class) {
            return STRING;
        }
        if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class) {
            return EXACT;
        }
        if (type == Double.class || type == Float.class) {
            return APPROXIMATE;
        }
        if (type == Boolean.class) {
            return BOOLEAN;
        }
        return OTHER;
    }

    static boolean isNumeric(int kind) {
        return kind == EXACT || kind == APPROXIMATE;
    }

    static Truth compare(ComparisonOperator operator, Object left, Object right) {
        int leftKind = kind(left);
        int rightKind = kind(right);
        if (leftKind == NULL || rightKind == NULL) {
            return Truth.UNKNOWN;
        }
        if (isNumeric(leftKind) && isNumeric(rightKind)) {
            if (leftKind == EXACT && rightKind == EXACT) {
                return Truth.of(compareExact(operator, ((Number) left).longValue(), ((Number) right).longValue()));
            }
            return Truth.of(compareApproximate(operator, ((Number) left).doubleValue(),
                    ((Number) right).doubleValue()));
        }
        if (leftKind != rightKind || leftKind == OTHER || operator.isOrdering()) {
            return Truth.FALSE;
        }
        boolean equal = left.equals(right);
        return Truth.of(operator == ComparisonOperator.EQUAL ? equal : !equal);
    }

    private static boolean compareExact(ComparisonOperator operator, long left, long right) {
        switch (operator) {
            case EQUAL:
                return left == right;
            case NOT_EQUAL:
                return left != right;
            case LESS:
                return left < right;
            case LESS_OR_EQUAL:
                return left <= right;
            case GREATER:
                return left > right;
            default:
                return left >= right;
        }
    }

    /** Java's double comparison, so NaN (only a property can hold one) is unequal to everything. */
    private static boolean compareApproximate(ComparisonOperator operator, double left, double right) {
        switch (operator) {
            case EQUAL:
                return left == right;
            case NOT_EQUAL:
                return left != right;
            case LESS:
                return left < right;
            case LESS_OR_EQUAL:
                return left <= right;
            case GREATER:
                return left > right;
            default:
                return left >= right;
        }
    }

    /** The result of {@code left op right}: a Long, a Double, or null for UNKNOWN. */
    static Object arithmetic(ArithmeticOperator operator, Object left, Object right) {
        int leftKind = kind(left);
        int rightKind = kind(right);
        if (!isNumeric(leftKind) || !isNumeric(rightKind)) {
            return null;
        }
        if (leftKind == EXACT && rightKind == EXACT) {
            long a = ((Number) left).longValue();
            long b = ((Number) right).longValue();
            switch (operator) {
                case ADD:
                    return a + b;
                case SUBTRACT:
                    return a - b;
                case MULTIPLY:
                    return a * b;
                default:
                    return b == 0 ? null : a / b;
            }
        }
        double a = ((Number) left).doubleValue();
        double b = ((Number) right).doubleValue();
        switch (operator) {
            case ADD:
                return a + b;
            case SUBTRACT:
                return a - b;
            case MULTIPLY:
                return a * b;
            default:
                return b == 0 ? null : a / b;
        }
    }

    /** Unary minus: a Long, a Double, or null for NULL and non-numbers. */
    static Object negate(Object value) {
        switch (kind(value)) {
            case EXACT:
                return -((Number) value).longValue();
            case APPROXIMATE:
                return -((Number) value).doubleValue();
            default:
                return null;
        }
    }

    /** Unary plus: the number itself, or null for NULL and non-numbers. */
    static Object plus(Object value) {
        return isNumeric(kind(value)) ? value : null;
    }

    /** A value used as a condition. */
    static Truth truth(Object value) {
        if (value instanceof Boolean) {
            return ((Boolean) value) ? Truth.TRUE : Truth.FALSE;
        }
        return Truth.UNKNOWN;
    }

    /** A condition used as a value, e.g. in {@code (a > 1) = TRUE}. */
    static Boolean value(Truth truth) {
        switch (truth) {
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
