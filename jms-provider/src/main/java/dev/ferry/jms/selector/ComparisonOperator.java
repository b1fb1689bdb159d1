package dev.ferry.jms.selector;

/** The comparison operators of §3.8.1.1; strings and booleans only support {@link #EQUAL} and {@link #NOT_EQUAL}. */
public enum ComparisonOperator {
    EQUAL("="),
    NOT_EQUAL("<>"),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written in a selector. */
    public String symbol() {
        return symbol;
    }

    /** True for the operators that order numbers ({@code < <= > >=}), false for {@code =} and {@code <>}. */
    public boolean isOrdering() {
        return this != EQUAL && this != NOT_EQUAL;
    }
}
