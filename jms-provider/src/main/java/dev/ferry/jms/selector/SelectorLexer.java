package dev.ferry.jms.selector;

/**
 * Splits a selector into tokens (§3.8.1.1): single-quoted strings with {@code ''} for a quote, Java integer and
 * floating-point literals, Java identifiers, the case-insensitive reserved words, and the operators. Whitespace is
 * Java's: space, horizontal tab, form feed and line terminators. Signs are separate tokens; the parser folds a sign
 * into the literal that follows it.
 */
final class SelectorLexer {

    enum Kind {
        IDENTIFIER, STRING, EXACT, APPROXIMATE,
        LEFT_PAREN, RIGHT_PAREN, COMMA,
        EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL,
        PLUS, MINUS, STAR, SLASH,
        NOT, AND, OR, BETWEEN, LIKE, IN, IS, ESCAPE, NULL, TRUE, FALSE,
        END;

        boolean isReservedWord() {
            return compareTo(NOT) >= 0 && compareTo(FALSE) <= 0;
        }
    }

    /** One token; {@code start} and {@code end} index the selector text (end exclusive). */
    static final class Token {
        final Kind kind;
        final int start;
        final int end;
        /** The unquoted value of a STRING token. */
        final String string;
        /** The value of an EXACT token; 2^63 is stored as Long.MIN_VALUE with {@link #needsMinus} set. */
        final long exact;
        final double approximate;
        /** An exact literal of 9223372036854775808, valid only right after a unary minus (JLS 3.10.1). */
        final boolean needsMinus;

        Token(Kind kind, int start, int end, String string, long exact, double approximate, boolean needsMinus) {
            this.kind = kind;
            this.start = start;
            this.end = end;
            this.string = string;
            this.exact = exact;
            this.approximate = approximate;
            this.needsMinus = needsMinus;
        }
    }

    private final String text;
    private int position;

    SelectorLexer(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    Token next() throws SelectorSyntaxException {
        skipWhitespace();
        int start = position;
        if (start >= text.length()) {
            return simple(Kind.END, start, start);
        }
        char c = text.charAt(start);
        switch (c) {
            case '\'':
                return string(start);
            case '(':
                return symbol(Kind.LEFT_PAREN, 1);
            case ')':
                return symbol(Kind.RIGHT_PAREN, 1);
            case ',':
                return symbol(Kind.COMMA, 1);
            case '=':
                return symbol(Kind.EQUAL, 1);
            case '+':
                return symbol(Kind.PLUS, 1);
            case '-':
                return symbol(Kind.MINUS, 1);
            case '*':
                return symbol(Kind.STAR, 1);
            case '/':
                return symbol(Kind.SLASH, 1);
            case '<':
                if (peekChar(start + 1) == '>') {
                    return symbol(Kind.NOT_EQUAL, 2);
                }
                return peekChar(start + 1) == '=' ? symbol(Kind.LESS_OR_EQUAL, 2) : symbol(Kind.LESS, 1);
            case '>':
                return peekChar(start + 1) == '=' ? symbol(Kind.GREATER_OR_EQUAL, 2) : symbol(Kind.GREATER, 1);
            case '!':
                if (peekChar(start + 1) == '=') {
                    throw error(start, "'!=' is not a selector operator; not equal is written '<>'");
                }
                break;
            case '"':
                throw error(start, "'\"' cannot start a string literal; string literals are enclosed in single "
                        + "quotes, e.g. 'blue'");
            default:
                break;
        }
        if (isDigit(c) || (c == '.' && isDigit(peekChar(start + 1)))) {
            return number(start);
        }
        int codePoint = text.codePointAt(start);
        if (Character.isJavaIdentifierStart(codePoint)) {
            return word(start);
        }
        throw error(start, "unexpected character " + describeCharacter(codePoint)
                + "; a selector contains identifiers, literals, operators and parentheses");
    }

    // ---- strings, words, symbols -------------------------------------------------------------------------

    private Token string(int start) throws SelectorSyntaxException {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (true) {
            int quote = text.indexOf('\'', i);
            if (quote < 0) {
                throw error(start, "the string literal starting here has no closing single quote");
            }
            value.append(text, i, quote);
            if (peekChar(quote + 1) == '\'') {
                value.append('\'');
                i = quote + 2;
            } else {
                position = quote + 1;
                return new Token(Kind.STRING, start, position, value.toString(), 0, 0, false);
            }
        }
    }

    private Token word(int start) {
        int i = start + Character.charCount(text.codePointAt(start));
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            if (!Character.isJavaIdentifierPart(codePoint)) {
                break;
            }
            i += Character.charCount(codePoint);
        }
        position = i;
        return simple(reservedWord(start, i), start, i);
    }

    /** The reserved word spelled by text[start, end) in any ASCII case, or IDENTIFIER. */
    private Kind reservedWord(int start, int end) {
        int length = end - start;
        if (length < 2 || length > 7) {
            return Kind.IDENTIFIER;
        }
        for (Kind kind : RESERVED) {
            String name = kind.name();
            if (name.length() == length && asciiEqualsIgnoreCase(name, start)) {
                return kind;
            }
        }
        return Kind.IDENTIFIER;
    }

    private static final Kind[] RESERVED = {
        Kind.NOT, Kind.AND, Kind.OR, Kind.BETWEEN, Kind.LIKE, Kind.IN, Kind.IS, Kind.ESCAPE, Kind.NULL, Kind.TRUE,
        Kind.FALSE
    };

    /**
     * Keywords are case-insensitive in ASCII only: {@code String.equalsIgnoreCase} would also read the Turkish
     * dotless {@code ı} as {@code I}, turning the identifier {@code lıke} into LIKE.
     */
    private boolean asciiEqualsIgnoreCase(String upperCaseName, int start) {
        for (int k = 0; k < upperCaseName.length(); k++) {
            char c = text.charAt(start + k);
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - ('a' - 'A'));
            }
            if (c != upperCaseName.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private Token symbol(Kind kind, int length) {
        int start = position;
        position += length;
        return simple(kind, start, position);
    }

    private static Token simple(Kind kind, int start, int end) {
        return new Token(kind, start, end, null, 0, 0, false);
    }

    // ---- numbers (JLS 3.10.1 and 3.10.2) -----------------------------------------------------------------

    private Token number(int start) throws SelectorSyntaxException {
        char first = text.charAt(start);
        char second = peekChar(start + 1);
        if (first == '0' && (second == 'x' || second == 'X')) {
            return hexadecimal(start);
        }
        if (first == '0' && (second == 'b' || second == 'B')) {
            return binary(start);
        }
        return decimal(start);
    }

    private Token decimal(int start) throws SelectorSyntaxException {
        int i = start;
        String whole = digits(i, 10);
        i += whole.length();
        boolean floating = false;
        String fraction = "";
        if (peekChar(i) == '.') {
            floating = true;
            i++;
            fraction = digits(i, 10);
            i += fraction.length();
        }
        if (peekChar(i) == 'e' || peekChar(i) == 'E') {
            floating = true;
            i = exponent(start, i);
        }
        char suffix = peekChar(i);
        if (suffix == 'f' || suffix == 'F' || suffix == 'd' || suffix == 'D') {
            floating = true;
            i++;
        }
        if (floating) {
            position = endOfNumber(start, i);
            String literal = text.substring(start, position).replace("_", "");
            boolean nonZero = hasNonZeroDigit(whole + fraction, 10);
            return approximate(start, literal, suffix == 'f' || suffix == 'F', nonZero);
        }
        boolean longSuffix = suffix == 'l' || suffix == 'L';
        position = endOfNumber(start, longSuffix ? i + 1 : i);
        String plain = whole.replace("_", "");
        if (plain.length() > 1 && plain.charAt(0) == '0') {
            for (int k = 1; k < plain.length(); k++) {
                if (plain.charAt(k) > '7') {
                    throw error(start, "'" + text.substring(start, position) + "' is not a valid integer literal: "
                            + "an integer starting with 0 is octal and has only the digits 0 to 7");
                }
            }
            return exact(start, plain.substring(1), 8);
        }
        try {
            return exactToken(start, Long.parseLong(plain), false);
        } catch (NumberFormatException tooLarge) {
            if (plain.equals("9223372036854775808")) {
                return exactToken(start, Long.MIN_VALUE, true);
            }
            throw outOfRange(start);
        }
    }

    private Token hexadecimal(int start) throws SelectorSyntaxException {
        int i = start + 2;
        String whole = digits(i, 16);
        i += whole.length();
        String fraction = "";
        boolean point = peekChar(i) == '.';
        if (point) {
            i++;
            fraction = digits(i, 16);
            i += fraction.length();
        }
        if (whole.isEmpty() && fraction.isEmpty()) {
            position = endOfNumber(start, i);
            throw error(start, "'" + text.substring(start, position) + "' is not a valid number: hexadecimal "
                    + "digits must follow 0x");
        }
        char marker = peekChar(i);
        if (marker == 'p' || marker == 'P') {
            i = exponent(start, i);
            char suffix = peekChar(i);
            boolean isFloat = suffix == 'f' || suffix == 'F';
            if (isFloat || suffix == 'd' || suffix == 'D') {
                i++;
            }
            position = endOfNumber(start, i);
            String literal = text.substring(start, position).replace("_", "");
            return approximate(start, literal, isFloat, hasNonZeroDigit(whole + fraction, 16));
        }
        if (point) {
            position = endOfNumber(start, i);
            throw error(start, "'" + text.substring(start, position) + "' is not a valid number: a hexadecimal "
                    + "floating-point literal needs a binary exponent, e.g. 0x1.8p3");
        }
        char suffix = peekChar(i);
        position = endOfNumber(start, suffix == 'l' || suffix == 'L' ? i + 1 : i);
        return exact(start, whole.replace("_", ""), 16);
    }

    private Token binary(int start) throws SelectorSyntaxException {
        int i = start + 2;
        String bits = digits(i, 2);
        i += bits.length();
        if (bits.isEmpty()) {
            position = endOfNumber(start, i);
            throw error(start, "'" + text.substring(start, position) + "' is not a valid number: binary digits "
                    + "must follow 0b");
        }
        char suffix = peekChar(i);
        position = endOfNumber(start, suffix == 'l' || suffix == 'L' ? i + 1 : i);
        return exact(start, bits.replace("_", ""), 2);
    }

    /** Octal, hexadecimal and binary literals may use all 64 bits, as in Java: 0xFFFFFFFFFFFFFFFFL is -1. */
    private Token exact(int start, String digits, int radix) throws SelectorSyntaxException {
        try {
            return exactToken(start, digits.isEmpty() ? 0 : Long.parseUnsignedLong(digits, radix), false);
        } catch (NumberFormatException tooLarge) {
            throw outOfRange(start);
        }
    }

    private Token exactToken(int start, long value, boolean needsMinus) {
        return new Token(Kind.EXACT, start, position, null, value, 0, needsMinus);
    }

    /**
     * Parses with the JDK's own reader of Java floating-point literals; a literal with an f suffix is a float
     * (as in Java) widened to double. Like the Java compiler, refuses literals that round to infinity or that
     * round a non-zero value to zero.
     */
    private Token approximate(int start, String literal, boolean isFloat, boolean nonZero)
            throws SelectorSyntaxException {
        double value;
        try {
            value = isFloat ? Float.parseFloat(literal) : Double.parseDouble(literal);
        } catch (NumberFormatException malformed) {
            throw error(start, "'" + text.substring(start, position) + "' is not a valid floating-point literal");
        }
        if (Double.isInfinite(value) || (value == 0 && nonZero)) {
            throw error(start, "'" + text.substring(start, position) + "' is out of the range of "
                    + (isFloat ? "float" : "double"));
        }
        return new Token(Kind.APPROXIMATE, start, position, null, 0, value, false);
    }

    /** Digits of the radix with underscores allowed only between digits (JLS 3.10.1); "" if none. */
    private String digits(int from, int radix) {
        int i = from;
        if (Character.digit(peekChar(i), radix) < 0 || !isAsciiDigitOrLetter(peekChar(i))) {
            return "";
        }
        i++;
        while (true) {
            int j = i;
            while (peekChar(j) == '_') {
                j++;
            }
            char c = peekChar(j);
            if (Character.digit(c, radix) >= 0 && isAsciiDigitOrLetter(c)) {
                i = j + 1;
            } else {
                return text.substring(from, i);
            }
        }
    }

    /** Reads an exponent marker (e or p) at {@code i}, an optional sign and at least one decimal digit. */
    private int exponent(int start, int i) throws SelectorSyntaxException {
        int j = i + 1;
        if (peekChar(j) == '+' || peekChar(j) == '-') {
            j++;
        }
        String digits = digits(j, 10);
        if (digits.isEmpty()) {
            position = endOfNumber(start, j, true);
            throw error(start, "'" + text.substring(start, position) + "' is not a valid number: the exponent "
                    + "has no digits");
        }
        return j + digits.length();
    }

    private int endOfNumber(int start, int end) throws SelectorSyntaxException {
        return endOfNumber(start, end, false);
    }

    /**
     * A number must not run into letters, digits, underscores or another point ("12abc", "1_", "1.2.3"): like the
     * Java compiler, refuse it rather than split it into two tokens.
     */
    private int endOfNumber(int start, int end, boolean alreadyFailing) throws SelectorSyntaxException {
        int i = end;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            if (codePoint != '.' && !Character.isJavaIdentifierPart(codePoint)) {
                break;
            }
            i += Character.charCount(codePoint);
        }
        if (i > end && !alreadyFailing) {
            position = i;
            throw error(start, "'" + text.substring(start, i) + "' is not a valid number");
        }
        return i;
    }

    private static boolean hasNonZeroDigit(String digits, int radix) {
        for (int k = 0; k < digits.length(); k++) {
            if (Character.digit(digits.charAt(k), radix) > 0) {
                return true;
            }
        }
        return false;
    }

    private SelectorSyntaxException outOfRange(int start) {
        return error(start, "'" + text.substring(start, position) + "' is out of the range of long (exact "
                + "numeric literals are Java long values)");
    }

    // ---- characters --------------------------------------------------------------------------------------

    private void skipWhitespace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r') {
                position++;
            } else {
                return;
            }
        }
    }

    private char peekChar(int index) {
        return index < text.length() ? text.charAt(index) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Character.digit also accepts full-width and other Unicode digits; Java literals take ASCII only. */
    private static boolean isAsciiDigitOrLetter(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static String describeCharacter(int codePoint) {
        String code = String.format("U+%04X", codePoint);
        if (Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)
                || !Character.isDefined(codePoint)) {
            return code;
        }
        return "'" + new String(Character.toChars(codePoint)) + "' (" + code + ")";
    }

    SelectorSyntaxException error(int index, String problem) {
        return new SelectorSyntaxException(text, index, problem);
    }
}
