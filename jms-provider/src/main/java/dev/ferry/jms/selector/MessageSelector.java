package dev.ferry.jms.selector;

import jakarta.jms.InvalidSelectorException;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed Jakarta Messaging message selector (3.1, §3.8.1): parse once, then {@link #matches} any number of
 * messages from any number of threads (an instance is immutable).
 *
 * <p>A message is selected only when the selector is TRUE for it; FALSE and UNKNOWN (SQL's three-valued logic for
 * NULL, i.e. absent, values) do not select. Evaluation never throws for values of unexpected types: the rules for
 * them are in {@code SelectorValues}. The tree ({@link #expression()}) stays available so that parts of a selector
 * can later be translated into SQL over header columns.
 */
public final class MessageSelector {

    /** The selector of a consumer that has none (a null or blank selector): selects every message. */
    public static final MessageSelector ALL = new MessageSelector("", new Expression.BooleanLiteral(true),
            Collections.emptySet(), CompiledSelector.ALWAYS_TRUE);

    private final String text;
    private final Expression expression;
    private final Set<String> identifiers;
    private final CompiledSelector.Condition condition;

    private MessageSelector(String text, Expression expression, Set<String> identifiers,
                            CompiledSelector.Condition condition) {
        this.text = text;
        this.expression = expression;
        this.identifiers = identifiers;
        this.condition = condition;
    }

    /**
     * Parses a selector. Null, empty and all-whitespace selectors mean "no selector" (§3.8.1.1) and return {@link
     * #ALL}.
     *
     * @throws InvalidSelectorException (a {@link SelectorSyntaxException}) if the text is not a valid selector;
     *                                  the message gives the 1-based column and what was expected there
     */
    public static MessageSelector parse(String selector) throws InvalidSelectorException {
        if (selector == null || isBlank(selector)) {
            return ALL;
        }
        SelectorParser.Result parsed = SelectorParser.parse(selector);
        return new MessageSelector(selector, parsed.expression, Collections.unmodifiableSet(parsed.identifiers),
                CompiledSelector.compile(parsed.expression));
    }

    /** True only if the selector evaluates to TRUE for the message. */
    public boolean matches(SelectorContext message) {
        return evaluate(message) == Truth.TRUE;
    }

    /** The selector's three-valued result for the message. */
    public Truth evaluate(SelectorContext message) {
        Objects.requireNonNull(message, "message");
        return condition.test(message);
    }

    /** The selector as presented; "" for {@link #ALL}. */
    public String text() {
        return text;
    }

    /** The syntax tree; {@code TRUE} for {@link #ALL}. */
    public Expression expression() {
        return expression;
    }

    /** The header and property names the selector reads, in order of first appearance. */
    public Set<String> identifiers() {
        return identifiers;
    }

    /** True for {@link #ALL}, the selector of a consumer without one. */
    public boolean selectsAll() {
        return this == ALL;
    }

    /** Selectors are equal when their text is: a durable subscription's selector changes when its text does. */
    @Override
    public boolean equals(Object other) {
        return other instanceof MessageSelector && ((MessageSelector) other).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return this == ALL ? "(all messages)" : text;
    }

    /** Blank in the selector's own sense of whitespace (space, tab, form feed, line terminators). */
    private static boolean isBlank(String selector) {
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c != ' ' && c != '\t' && c != '\f' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
