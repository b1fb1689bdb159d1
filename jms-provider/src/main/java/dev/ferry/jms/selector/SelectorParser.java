package dev.ferry.jms.selector;

import dev.ferry.jms.selector.Expression.And;
import dev.ferry.jms.selector.Expression.ApproximateLiteral;
import dev.ferry.jms.selector.Expression.Arithmetic;
import dev.ferry.jms.selector.Expression.Between;
import dev.ferry.jms.selector.Expression.BooleanLiteral;
import dev.ferry.jms.selector.Expression.Comparison;
import dev.ferry.jms.selector.Expression.ExactLiteral;
import dev.ferry.jms.selector.Expression.Identifier;
import dev.ferry.jms.selector.Expression.In;
import dev.ferry.jms.selector.Expression.IsNull;
import dev.ferry.jms.selector.Expression.Like;
import dev.ferry.jms.selector.Expression.Not;
import dev.ferry.jms.selector.Expression.Or;
import dev.ferry.jms.selector.Expression.StringLiteral;
import dev.ferry.jms.selector.Expression.UnaryMinus;
import dev.ferry.jms.selector.Expression.UnaryPlus;
import dev.ferry.jms.selector.SelectorLexer.Kind;
import dev.ferry.jms.selector.SelectorLexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the selector grammar of §3.8.1.1, lowest precedence first:
 * <pre>
 * selector       := or END
 * or             := and (OR and)*
 * and            := not (AND not)*
 * not            := NOT not | predicate
 * predicate      := additive [ comparison-op additive
 *                             | [NOT] BETWEEN additive AND additive
 *                             | [NOT] IN '(' string (',' string)* ')'
 *                             | [NOT] LIKE string [ESCAPE string]
 *                             | IS [NOT] NULL ]
 * additive       := multiplicative (('+' | '-') multiplicative)*
 * multiplicative := unary (('*' | '/') unary)*
 * unary          := ('+' | '-') unary | primary
 * primary        := identifier | literal | '(' or ')'
 * </pre>
 * It also checks the types it can know: literals, and the headers whose type the specification fixes. A property's
 * type is only known per message, so property references pass every check here and are judged when evaluated.
 */
final class SelectorParser {

    /** Parentheses, NOT and signs nested deeper than this are refused before they exhaust the stack. */
    static final int MAX_NESTING = 256;
    /** A tree deeper than this (e.g. over a thousand chained arithmetic operators) is refused for the same reason. */
    static final int MAX_DEPTH = 1024;

    private enum Type { NUMERIC, STRING, BOOLEAN, UNKNOWN }

    /** A parsed sub-expression with its static type and where it is in the text, for messages. */
    private static final class Typed {
        final Expression expression;
        final Type type;
        final int start;
        final int end;
        final int depth;

        Typed(Expression expression, Type type, int start, int end, int depth) {
            this.expression = expression;
            this.type = type;
            this.start = start;
            this.end = end;
            this.depth = depth;
        }
    }

    private final SelectorLexer lexer;
    private final String text;
    private Token current;
    private int nesting;
    private final Set<String> identifiers = new LinkedHashSet<>();

    private SelectorParser(String text) {
        this.text = text;
        this.lexer = new SelectorLexer(text);
    }

    /** The parsed tree and the identifiers it reads, in order of first appearance. */
    static final class Result {
        final Expression expression;
        final Set<String> identifiers;

        Result(Expression expression, Set<String> identifiers) {
            this.expression = expression;
            this.identifiers = identifiers;
        }
    }

    static Result parse(String text) throws SelectorSyntaxException {
        SelectorParser parser = new SelectorParser(text);
        parser.current = parser.lexer.next();
        Typed root = parser.parseOr();
        if (parser.current.kind != Kind.END) {
            if (parser.current.kind == Kind.RIGHT_PAREN) {
                throw parser.error(parser.current, "found ')' without a matching '('");
            }
            throw parser.error(parser.current, "expected AND, OR or the end of the selector but found "
                    + parser.describe(parser.current));
        }
        parser.requireCondition(root, "a selector");
        return new Result(root.expression, parser.identifiers);
    }

    // ---- conditions --------------------------------------------------------------------------------------

    private Typed parseOr() throws SelectorSyntaxException {
        Typed first = parseAnd();
        if (current.kind != Kind.OR) {
            return first;
        }
        requireCondition(first, "OR");
        List<Expression> operands = new ArrayList<>();
        operands.add(first.expression);
        int depth = first.depth;
        Typed last = first;
        while (accept(Kind.OR)) {
            last = parseAnd();
            requireCondition(last, "OR");
            operands.add(last.expression);
            depth = Math.max(depth, last.depth);
        }
        return node(new Or(operands), Type.BOOLEAN, first.start, last.end, depth + 1);
    }

    private Typed parseAnd() throws SelectorSyntaxException {
        Typed first = parseNot();
        if (current.kind != Kind.AND) {
            return first;
        }
        requireCondition(first, "AND");
        List<Expression> operands = new ArrayList<>();
        operands.add(first.expression);
        int depth = first.depth;
        Typed last = first;
        while (accept(Kind.AND)) {
            last = parseNot();
            requireCondition(last, "AND");
            operands.add(last.expression);
            depth = Math.max(depth, last.depth);
        }
        return node(new And(operands), Type.BOOLEAN, first.start, last.end, depth + 1);
    }

    private Typed parseNot() throws SelectorSyntaxException {
        if (current.kind != Kind.NOT) {
            return parsePredicate();
        }
        Token not = current;
        enter(not);
        advance();
        Typed operand = parseNot();
        nesting--;
        requireCondition(operand, "NOT");
        return node(new Not(operand.expression), Type.BOOLEAN, not.start, operand.end, operand.depth + 1);
    }

    private Typed parsePredicate() throws SelectorSyntaxException {
        Typed left = parseAdditive();
        Token operator = current;
        switch (operator.kind) {
            case EQUAL:
                return comparison(left, ComparisonOperator.EQUAL);
            case NOT_EQUAL:
                return comparison(left, ComparisonOperator.NOT_EQUAL);
            case LESS:
                return comparison(left, ComparisonOperator.LESS);
            case LESS_OR_EQUAL:
                return comparison(left, ComparisonOperator.LESS_OR_EQUAL);
            case GREATER:
                return comparison(left, ComparisonOperator.GREATER);
            case GREATER_OR_EQUAL:
                return comparison(left, ComparisonOperator.GREATER_OR_EQUAL);
            case NOT:
                advance();
                return negatable(left, true);
            case BETWEEN:
            case IN:
            case LIKE:
                return negatable(left, false);
            case IS:
                return isNull(left);
            case IDENTIFIER:
            case STRING:
            case EXACT:
            case APPROXIMATE:
            case TRUE:
            case FALSE:
            case NULL:
            case LEFT_PAREN:
                throw error(operator, "expected an operator (=, <>, <, <=, >, >=, BETWEEN, IN, LIKE or IS) or "
                        + "AND/OR after " + quote(left) + " but found " + describe(operator));
            default:
                return left;
        }
    }

    private Typed comparison(Typed left, ComparisonOperator operator) throws SelectorSyntaxException {
        advance();
        Typed right = parseAdditive();
        if (operator.isOrdering()) {
            for (Typed side : List.of(left, right)) {
                if (side.type == Type.STRING || side.type == Type.BOOLEAN) {
                    throw error(side.start, "'" + operator.symbol() + "' orders numbers only, but " + quote(side)
                            + " is a " + typeName(side.type) + "; strings and booleans are compared with = and <>");
                }
            }
        }
        return node(new Comparison(operator, left.expression, right.expression), Type.BOOLEAN, left.start,
                right.end, Math.max(left.depth, right.depth) + 1);
    }

    /** BETWEEN, IN or LIKE, after an optional NOT that has already been read. */
    private Typed negatable(Typed left, boolean negated) throws SelectorSyntaxException {
        switch (current.kind) {
            case BETWEEN:
                return between(left, negated);
            case IN:
                return in(left, negated);
            case LIKE:
                return like(left, negated);
            default:
                throw error(current, "expected BETWEEN, IN or LIKE after NOT but found " + describe(current));
        }
    }

    private Typed between(Typed value, boolean negated) throws SelectorSyntaxException {
        advance();
        requireNumeric(value, "BETWEEN");
        Typed lower = parseAdditive();
        requireNumeric(lower, "BETWEEN");
        expect(Kind.AND, "expected AND between the bounds of BETWEEN");
        Typed upper = parseAdditive();
        requireNumeric(upper, "BETWEEN");
        int depth = Math.max(value.depth, Math.max(lower.depth, upper.depth)) + 1;
        return node(new Between(value.expression, lower.expression, upper.expression, negated), Type.BOOLEAN,
                value.start, upper.end, depth);
    }

    private Typed in(Typed left, boolean negated) throws SelectorSyntaxException {
        advance();
        Identifier identifier = requireStringIdentifier(left, "IN");
        expect(Kind.LEFT_PAREN, "expected '(' to open the list of IN");
        List<String> values = new ArrayList<>();
        do {
            if (current.kind != Kind.STRING) {
                throw error(current, "expected a string literal in the list of IN (it holds string literals only) "
                        + "but found " + describe(current));
            }
            values.add(current.string);
            advance();
        } while (accept(Kind.COMMA));
        int end = current.end;
        expect(Kind.RIGHT_PAREN, "expected ',' or ')' in the list of IN");
        return node(new In(identifier, values, negated), Type.BOOLEAN, left.start, end, 1);
    }

    private Typed like(Typed left, boolean negated) throws SelectorSyntaxException {
        advance();
        Identifier identifier = requireStringIdentifier(left, "LIKE");
        if (current.kind != Kind.STRING) {
            throw error(current, "expected a string literal as the pattern of LIKE but found " + describe(current));
        }
        Token pattern = current;
        advance();
        String escape = null;
        int end = pattern.end;
        if (current.kind == Kind.ESCAPE) {
            advance();
            if (current.kind != Kind.STRING
                    || current.string.codePointCount(0, current.string.length()) != 1) {
                throw error(current, "expected a string literal of exactly one character after ESCAPE but found "
                        + describe(current));
            }
            escape = current.string;
            end = current.end;
            advance();
        }
        try {
            LikePattern.compile(pattern.string, escape == null ? -1 : escape.codePointAt(0));
        } catch (IllegalArgumentException invalid) {
            throw error(pattern, invalid.getMessage());
        }
        return node(new Like(identifier, pattern.string, escape, negated), Type.BOOLEAN, left.start, end, 1);
    }

    private Typed isNull(Typed left) throws SelectorSyntaxException {
        advance();
        boolean negated = accept(Kind.NOT);
        int end = current.end;
        expect(Kind.NULL, negated ? "expected NULL after IS NOT" : "expected NULL or NOT NULL after IS");
        Identifier identifier = requireIdentifier(left, negated ? "IS NOT NULL" : "IS NULL");
        return node(new IsNull(identifier, negated), Type.BOOLEAN, left.start, end, 1);
    }

    // ---- arithmetic --------------------------------------------------------------------------------------

    private Typed parseAdditive() throws SelectorSyntaxException {
        Typed left = parseMultiplicative();
        while (current.kind == Kind.PLUS || current.kind == Kind.MINUS) {
            ArithmeticOperator operator = current.kind == Kind.PLUS ? ArithmeticOperator.ADD
                    : ArithmeticOperator.SUBTRACT;
            requireNumeric(left, "'" + operator.symbol() + "'");
            advance();
            Typed right = parseMultiplicative();
            requireNumeric(right, "'" + operator.symbol() + "'");
            left = arithmetic(operator, left, right);
        }
        return left;
    }

    private Typed parseMultiplicative() throws SelectorSyntaxException {
        Typed left = parseUnary();
        while (current.kind == Kind.STAR || current.kind == Kind.SLASH) {
            ArithmeticOperator operator = current.kind == Kind.STAR ? ArithmeticOperator.MULTIPLY
                    : ArithmeticOperator.DIVIDE;
            requireNumeric(left, "'" + operator.symbol() + "'");
            advance();
            Typed right = parseUnary();
            requireNumeric(right, "'" + operator.symbol() + "'");
            left = arithmetic(operator, left, right);
        }
        return left;
    }

    private Typed arithmetic(ArithmeticOperator operator, Typed left, Typed right) throws SelectorSyntaxException {
        return node(new Arithmetic(operator, left.expression, right.expression), Type.NUMERIC, left.start, right.end,
                Math.max(left.depth, right.depth) + 1);
    }

    private Typed parseUnary() throws SelectorSyntaxException {
        if (current.kind != Kind.PLUS && current.kind != Kind.MINUS) {
            return parsePrimary();
        }
        Token sign = current;
        boolean minus = sign.kind == Kind.MINUS;
        enter(sign);
        advance();
        try {
            if (current.kind == Kind.EXACT) {
                // -957 and +62 are literals (§3.8.1.1); 9223372036854775808 exists only as -9223372036854775808
                Token number = current;
                if (number.needsMinus && !minus) {
                    throw outOfRange(number);
                }
                advance();
                long value = minus ? -number.exact : number.exact;
                return new Typed(new ExactLiteral(value), Type.NUMERIC, sign.start, number.end, 1);
            }
            if (current.kind == Kind.APPROXIMATE) {
                Token number = current;
                advance();
                double value = minus ? -number.approximate : number.approximate;
                return new Typed(new ApproximateLiteral(value), Type.NUMERIC, sign.start, number.end, 1);
            }
            Typed operand = parseUnary();
            requireNumeric(operand, "unary '" + (minus ? "-" : "+") + "'");
            Expression expression = minus ? new UnaryMinus(operand.expression) : new UnaryPlus(operand.expression);
            return node(expression, Type.NUMERIC, sign.start, operand.end, operand.depth + 1);
        } finally {
            nesting--;
        }
    }

    private Typed parsePrimary() throws SelectorSyntaxException {
        Token token = current;
        switch (token.kind) {
            case IDENTIFIER:
                return identifier(token);
            case STRING:
                advance();
                return new Typed(new StringLiteral(token.string), Type.STRING, token.start, token.end, 1);
            case EXACT:
                if (token.needsMinus) {
                    throw outOfRange(token);
                }
                advance();
                return new Typed(new ExactLiteral(token.exact), Type.NUMERIC, token.start, token.end, 1);
            case APPROXIMATE:
                advance();
                return new Typed(new ApproximateLiteral(token.approximate), Type.NUMERIC, token.start, token.end, 1);
            case TRUE:
            case FALSE:
                advance();
                return new Typed(new BooleanLiteral(token.kind == Kind.TRUE), Type.BOOLEAN, token.start, token.end,
                        1);
            case LEFT_PAREN:
                enter(token);
                advance();
                Typed inner = parseOr();
                if (current.kind != Kind.RIGHT_PAREN) {
                    throw error(current, "expected ')' to close the '(' at column " + (token.start + 1)
                            + " but found " + describe(current));
                }
                int end = current.end;
                advance();
                nesting--;
                return new Typed(inner.expression, inner.type, token.start, end, inner.depth);
            case NULL:
                throw error(token, "NULL is not a value; test for a missing value with 'name IS NULL' or "
                        + "'name IS NOT NULL'");
            default:
                throw error(token, "expected an identifier, a literal or '(' but found " + describe(token));
        }
    }

    private Typed identifier(Token token) throws SelectorSyntaxException {
        String name = text.substring(token.start, token.end);
        if (SelectorHeader.isUnselectableHeader(name)) {
            throw error(token, "the header " + name + " cannot be used in a selector; header references are "
                    + "restricted to JMSDeliveryMode, JMSPriority, JMSMessageID, JMSTimestamp, JMSCorrelationID "
                    + "and JMSType (Jakarta Messaging 3.1, 3.8.1.1)");
        }
        advance();
        identifiers.add(name);
        SelectorHeader header = SelectorHeader.forIdentifier(name);
        Type type = header == null ? Type.UNKNOWN : header.isNumeric() ? Type.NUMERIC : Type.STRING;
        return new Typed(new Identifier(name), type, token.start, token.end, 1);
    }

    // ---- checks ------------------------------------------------------------------------------------------

    private void requireCondition(Typed typed, String where) throws SelectorSyntaxException {
        if (typed.type != Type.BOOLEAN && typed.type != Type.UNKNOWN) {
            String what = where.equals("a selector") ? "a selector must be a condition"
                    : where + " combines conditions";
            throw error(typed.start, what + ", but " + quote(typed) + " is a " + typeName(typed.type));
        }
    }

    private void requireNumeric(Typed typed, String operator) throws SelectorSyntaxException {
        if (typed.type != Type.NUMERIC && typed.type != Type.UNKNOWN) {
            throw error(typed.start, operator + " needs numeric operands, but " + quote(typed) + " is a "
                    + typeName(typed.type));
        }
    }

    private Identifier requireIdentifier(Typed typed, String operator) throws SelectorSyntaxException {
        if (!(typed.expression instanceof Identifier)) {
            throw error(typed.start, operator + " applies to an identifier (a header or property name), but found "
                    + quote(typed));
        }
        return (Identifier) typed.expression;
    }

    private Identifier requireStringIdentifier(Typed typed, String operator) throws SelectorSyntaxException {
        Identifier identifier = requireIdentifier(typed, operator);
        if (typed.type == Type.NUMERIC) {
            throw error(typed.start, operator + " applies to strings, but the header " + identifier.name()
                    + " is numeric");
        }
        return identifier;
    }

    private Typed node(Expression expression, Type type, int start, int end, int depth)
            throws SelectorSyntaxException {
        if (depth > MAX_DEPTH) {
            throw error(start, "the expression is nested more than " + MAX_DEPTH + " levels deep (each arithmetic "
                    + "operator in a chain adds a level); simplify the selector");
        }
        return new Typed(expression, type, start, end, depth);
    }

    private void enter(Token token) throws SelectorSyntaxException {
        if (++nesting > MAX_NESTING) {
            throw error(token, "parentheses, NOT and signs are nested more than " + MAX_NESTING
                    + " levels deep; simplify the selector");
        }
    }

    // ---- tokens ------------------------------------------------------------------------------------------

    private void advance() throws SelectorSyntaxException {
        current = lexer.next();
    }

    private boolean accept(Kind kind) throws SelectorSyntaxException {
        if (current.kind != kind) {
            return false;
        }
        advance();
        return true;
    }

    private void expect(Kind kind, String expected) throws SelectorSyntaxException {
        if (current.kind != kind) {
            throw error(current, expected + " but found " + describe(current));
        }
        advance();
    }

    private String describe(Token token) {
        String source = text.substring(token.start, token.end);
        switch (token.kind) {
            case END:
                return "the end of the selector";
            case STRING:
                return "the string " + abbreviate(source);
            case EXACT:
            case APPROXIMATE:
                return "the number " + source;
            case IDENTIFIER:
                return "the identifier " + abbreviate(source);
            default:
                if (token.kind.isReservedWord()) {
                    return "the reserved word " + source.toUpperCase(java.util.Locale.ROOT);
                }
                return "'" + source + "'";
        }
    }

    private String quote(Typed typed) {
        return "'" + abbreviate(text.substring(typed.start, typed.end)) + "'";
    }

    private static String abbreviate(String source) {
        return source.length() <= 40 ? source : source.substring(0, 37) + "...";
    }

    private static String typeName(Type type) {
        switch (type) {
            case NUMERIC:
                return "number";
            case STRING:
                return "string";
            case BOOLEAN:
                return "condition";
            default:
                return "value of unknown type";
        }
    }

    private SelectorSyntaxException outOfRange(Token token) {
        return error(token, "9223372036854775808 is out of the range of long; only -9223372036854775808 is "
                + "allowed");
    }

    private SelectorSyntaxException error(Token token, String problem) {
        return lexer.error(token.start, problem);
    }

    private SelectorSyntaxException error(int index, String problem) {
        return lexer.error(index, problem);
    }
}
