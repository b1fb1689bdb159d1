package dev.ferry.jms.selector;

/**
 * A LIKE pattern compiled once (§3.8.1.1): {@code _} matches any one character, {@code %} any sequence including
 * the empty one, the escape character makes the character after it literal, everything else matches itself.
 * Characters are Unicode code points, so {@code _} matches one emoji, not half of it.
 *
 * <p>Matching allocates nothing and uses no regular expression. The common shapes (no wildcard, {@code abc%},
 * {@code %abc}, {@code %abc%}) reduce to {@code equals}, {@code startsWith}, {@code endsWith} and {@code contains};
 * any other pattern runs the linear-backtracking wildcard match, which remembers only the last {@code %}.
 */
final class LikePattern {

    private static final int ANY_ONE = -1;
    private static final int ANY_SEQUENCE = -2;

    private enum Shape { EQUALS, STARTS_WITH, ENDS_WITH, CONTAINS, GENERAL }

    private final Shape shape;
    /** Literal code points, ANY_ONE and ANY_SEQUENCE (never two in a row). */
    private final int[] elements;
    /** For the reduced shapes: the literal part of the pattern. */
    private final String literal;

    private LikePattern(Shape shape, int[] elements, String literal) {
        this.shape = shape;
        this.elements = elements;
        this.literal = literal;
    }

    /**
     * @param escape the escape code point, or -1 for none
     * @throws IllegalArgumentException if the pattern ends with the escape character, which escapes nothing
     */
    static LikePattern compile(String pattern, int escape) {
        int[] elements = new int[pattern.codePointCount(0, pattern.length())];
        int count = 0;
        for (int i = 0; i < pattern.length(); ) {
            int codePoint = pattern.codePointAt(i);
            i += Character.charCount(codePoint);
            int element;
            if (codePoint == escape) {
                if (i >= pattern.length()) {
                    throw new IllegalArgumentException("the LIKE pattern '" + pattern + "' ends with its escape "
                            + "character, which must be followed by the character it escapes");
                }
                element = pattern.codePointAt(i);
                i += Character.charCount(element);
            } else if (codePoint == '_') {
                element = ANY_ONE;
            } else if (codePoint == '%') {
                if (count > 0 && elements[count - 1] == ANY_SEQUENCE) {
                    continue;
                }
                element = ANY_SEQUENCE;
            } else {
                element = codePoint;
            }
            elements[count++] = element;
        }
        int[] compact = java.util.Arrays.copyOf(elements, count);
        return new LikePattern(shapeOf(compact), compact, literalOf(compact));
    }

    boolean matches(String value) {
        switch (shape) {
            case EQUALS:
                return value.equals(literal);
            case STARTS_WITH:
                return value.startsWith(literal);
            case ENDS_WITH:
                return value.endsWith(literal);
            case CONTAINS:
                return value.contains(literal);
            default:
                return matchesGeneral(value);
        }
    }

    /**
     * Greedy match that, on a mismatch, lets the last {@code %} swallow one more character and retries from there.
     * Remembering only the last {@code %} is enough: whatever an earlier one could swallow, the later one can too.
     */
    private boolean matchesGeneral(String value) {
        int n = elements.length;
        int v = 0;
        int p = 0;
        int star = -1;
        int resume = 0;
        while (v < value.length()) {
            int codePoint = value.codePointAt(v);
            if (p < n && elements[p] == ANY_SEQUENCE) {
                star = p++;
                resume = v;
            } else if (p < n && (elements[p] == ANY_ONE || elements[p] == codePoint)) {
                p++;
                v += Character.charCount(codePoint);
            } else if (star >= 0) {
                p = star + 1;
                resume += Character.charCount(value.codePointAt(resume));
                v = resume;
            } else {
                return false;
            }
        }
        while (p < n && elements[p] == ANY_SEQUENCE) {
            p++;
        }
        return p == n;
    }

    private static Shape shapeOf(int[] elements) {
        int n = elements.length;
        int sequences = 0;
        for (int element : elements) {
            if (element == ANY_ONE) {
                return Shape.GENERAL;
            }
            if (element == ANY_SEQUENCE) {
                sequences++;
            }
        }
        boolean leading = n > 0 && elements[0] == ANY_SEQUENCE;
        boolean trailing = n > 0 && elements[n - 1] == ANY_SEQUENCE;
        if (sequences == 0) {
            return Shape.EQUALS;
        }
        if (sequences == 1 && trailing) {
            return Shape.STARTS_WITH;
        }
        if (sequences == 1 && leading) {
            return Shape.ENDS_WITH;
        }
        if (sequences == 2 && leading && trailing && n > 1) {
            return Shape.CONTAINS;
        }
        return Shape.GENERAL;
    }

    private static String literalOf(int[] elements) {
        StringBuilder literal = new StringBuilder();
        for (int element : elements) {
            if (element >= 0) {
                literal.appendCodePoint(element);
            }
        }
        return literal.toString();
    }
}
