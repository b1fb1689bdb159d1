package dev.ferry.jms.selector;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The syntax tree of a message selector (Jakarta Messaging 3.1 §3.8.1.1), as {@link MessageSelector#parse} builds
 * it. Nodes are immutable records compared by value, so two selectors that differ only in whitespace, keyword case
 * or redundant parentheses have equal trees. Parentheses leave no node: the tree's shape is the grouping.
 *
 * <p>A tree is walked with an {@link ExpressionVisitor} (the evaluator does, and so can a translation of a
 * selector to SQL over header columns). Logical chains {@code a AND b AND c} are one {@link And} node with three
 * operands, so long chains do not make deep trees; arithmetic chains are left-deep binary nodes.
 */
public sealed interface Expression {

    <R> R accept(ExpressionVisitor<R> visitor);

    // ---- conditions --------------------------------------------------------------------------------------

    /** {@code a AND b AND ...}: the operands in the order written, at least two. */
    record And(List<Expression> operands) implements Expression {
        public And {
            operands = checkedOperands(operands, "AND");
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitAnd(this);
        }
    }

    /** {@code a OR b OR ...}: the operands in the order written, at least two. */
    record Or(List<Expression> operands) implements Expression {
        public Or {
            operands = checkedOperands(operands, "OR");
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitOr(this);
        }
    }

    /** {@code NOT operand}. */
    record Not(Expression operand) implements Expression {
        public Not {
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitNot(this);
        }
    }

    /** {@code left op right} for {@code = <> < <= > >=}. */
    record Comparison(ComparisonOperator operator, Expression left, Expression right) implements Expression {
        public Comparison {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitComparison(this);
        }
    }

    /**
     * {@code value [NOT] BETWEEN lower AND upper}, which §3.8.1.1 defines as {@code value >= lower AND value <=
     * upper} (negated: {@code value < lower OR value > upper}).
     */
    record Between(Expression value, Expression lower, Expression upper, boolean negated) implements Expression {
        public Between {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(lower, "lower");
            Objects.requireNonNull(upper, "upper");
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitBetween(this);
        }
    }

    /** {@code identifier [NOT] IN ('a', 'b', ...)}: string literals only, at least one. */
    record In(Identifier identifier, List<String> values, boolean negated) implements Expression {
        public In {
            Objects.requireNonNull(identifier, "identifier");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("IN needs at least one value");
            }
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitIn(this);
        }
    }

    /**
     * {@code identifier [NOT] LIKE 'pattern' [ESCAPE 'c']}; {@code escape} is null without an ESCAPE clause, else a
     * string of exactly one character (one code point).
     */
    record Like(Identifier identifier, String pattern, String escape, boolean negated) implements Expression {
        public Like {
            Objects.requireNonNull(identifier, "identifier");
            Objects.requireNonNull(pattern, "pattern");
            if (escape != null && escape.codePointCount(0, escape.length()) != 1) {
                throw new IllegalArgumentException("the LIKE escape must be a single character, was '" + escape + "'");
            }
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitLike(this);
        }
    }

    /** {@code identifier IS [NOT] NULL}. */
    record IsNull(Identifier identifier, boolean negated) implements Expression {
        public IsNull {
            Objects.requireNonNull(identifier, "identifier");
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitIsNull(this);
        }
    }

    // ---- arithmetic --------------------------------------------------------------------------------------

    /** {@code left op right} for {@code + - * /}. */
    record Arithmetic(ArithmeticOperator operator, Expression left, Expression right) implements Expression {
        public Arithmetic {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitArithmetic(this);
        }
    }

    /**
     * Unary {@code -operand}. A sign written directly before a numeric literal is folded into the literal
     * ({@code -5} is {@code ExactLiteral(-5)}); this node is for signs before identifiers and parentheses.
     */
    record UnaryMinus(Expression operand) implements Expression {
        public UnaryMinus {
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitUnaryMinus(this);
        }
    }

    /** Unary {@code +operand}: the value itself, but only a numeric one (anything else is unknown). */
    record UnaryPlus(Expression operand) implements Expression {
        public UnaryPlus {
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitUnaryPlus(this);
        }
    }

    // ---- operands ----------------------------------------------------------------------------------------

    /**
     * A header field reference ({@link SelectorHeader}) or a property reference; names are case-sensitive. A
     * property that a message does not have is NULL.
     */
    record Identifier(String name) implements Expression {
        public Identifier {
            Objects.requireNonNull(name, "name");
        }

        /** The header this identifier refers to, or empty for a property (JMSX, JMS_ and application names). */
        public Optional<SelectorHeader> header() {
            return Optional.ofNullable(SelectorHeader.forIdentifier(name));
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitIdentifier(this);
        }
    }

    /** {@code 'text'}, with {@code ''} in the selector already turned into one quote. */
    record StringLiteral(String value) implements Expression {
        public StringLiteral {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitStringLiteral(this);
        }
    }

    /** An exact numeric literal: Java integer literal syntax, the range of {@code long}. */
    record ExactLiteral(long value) implements Expression {
        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitExactLiteral(this);
        }
    }

    /** An approximate numeric literal: Java floating-point literal syntax, a finite {@code double}. */
    record ApproximateLiteral(double value) implements Expression {
        public ApproximateLiteral {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("an approximate literal is finite, was " + value);
            }
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitApproximateLiteral(this);
        }
    }

    /** {@code TRUE} or {@code FALSE}. */
    record BooleanLiteral(boolean value) implements Expression {
        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitBooleanLiteral(this);
        }
    }

    private static List<Expression> checkedOperands(List<Expression> operands, String operator) {
        List<Expression> copy = List.copyOf(operands);
        if (copy.size() < 2) {
            throw new IllegalArgumentException(operator + " needs at least two operands, had " + copy.size());
        }
        return copy;
    }
}
