package dev.ferry.jms.selector;

/** The binary arithmetic operators of §3.8.1.1, applied with Java's numeric promotion to long or double. */
public enum ArithmeticOperator {
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("*"),
    DIVIDE("/");

    private final String symbol;

    ArithmeticOperator(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written in a selector. */
    public String symbol() {
        return symbol;
    }
}
