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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A selector tree turned once into small evaluation objects, so that evaluating a message walks no visitor,
 * looks at no node type and allocates nothing beyond the boxes of intermediate arithmetic results. Literals are
 * boxed here, LIKE patterns compiled here, IN lists hashed here.
 */
final class CompiledSelector {

    private CompiledSelector() {
    }

    /** Something that is TRUE, FALSE or UNKNOWN for a message. */
    abstract static class Condition {
        abstract Truth test(SelectorContext message);
    }

    /** Something that has a value (possibly NULL) for a message. */
    abstract static class Operand {
        abstract Object value(SelectorContext message);
    }

    static final Condition ALWAYS_TRUE = new Constant(Truth.TRUE);

    static Condition compile(Expression expression) {
        return expression.accept(CONDITIONS);
    }

    // ---- compilers ---------------------------------------------------------------------------------------

    private static final ExpressionVisitor<Condition> CONDITIONS = new ExpressionVisitor<>() {
        @Override
        public Condition visitAnd(And and) {
            return Junction.allOf(conditions(and.operands()));
        }

        @Override
        public Condition visitOr(Or or) {
            return Junction.anyOf(conditions(or.operands()));
        }

        @Override
        public Condition visitNot(Not not) {
            return new Negation(compile(not.operand()));
        }

        @Override
        public Condition visitComparison(Comparison comparison) {
            return new Compare(comparison.operator(), operand(comparison.left()), operand(comparison.right()));
        }

        @Override
        public Condition visitBetween(Between between) {
            return new InRange(operand(between.value()), operand(between.lower()), operand(between.upper()),
                    between.negated());
        }

        @Override
        public Condition visitIn(In in) {
            return new OneOf(in.identifier().name(), new HashSet<>(in.values()), in.negated());
        }

        @Override
        public Condition visitLike(Like like) {
            int escape = like.escape() == null ? -1 : like.escape().codePointAt(0);
            return new Matches(like.identifier().name(), LikePattern.compile(like.pattern(), escape), like.negated());
        }

        @Override
        public Condition visitIsNull(IsNull isNull) {
            return new Missing(isNull.identifier().name(), isNull.negated());
        }

        @Override
        public Condition visitIdentifier(Identifier identifier) {
            return new BooleanProperty(identifier.name());
        }

        @Override
        public Condition visitBooleanLiteral(BooleanLiteral literal) {
            return new Constant(Truth.of(literal.value()));
        }

        @Override
        public Condition visitArithmetic(Arithmetic arithmetic) {
            throw notACondition(arithmetic);
        }

        @Override
        public Condition visitUnaryMinus(UnaryMinus unaryMinus) {
            throw notACondition(unaryMinus);
        }

        @Override
        public Condition visitUnaryPlus(UnaryPlus unaryPlus) {
            throw notACondition(unaryPlus);
        }

        @Override
        public Condition visitStringLiteral(StringLiteral literal) {
            throw notACondition(literal);
        }

        @Override
        public Condition visitExactLiteral(ExactLiteral literal) {
            throw notACondition(literal);
        }

        @Override
        public Condition visitApproximateLiteral(ApproximateLiteral literal) {
            throw notACondition(literal);
        }
    };

    private static final ExpressionVisitor<Operand> OPERANDS = new ExpressionVisitor<>() {
        @Override
        public Operand visitArithmetic(Arithmetic arithmetic) {
            return new Calculation(arithmetic.operator(), operand(arithmetic.left()), operand(arithmetic.right()));
        }

        @Override
        public Operand visitUnaryMinus(UnaryMinus unaryMinus) {
            return new Negative(operand(unaryMinus.operand()));
        }

        @Override
        public Operand visitUnaryPlus(UnaryPlus unaryPlus) {
            return new Positive(operand(unaryPlus.operand()));
        }

        @Override
        public Operand visitIdentifier(Identifier identifier) {
            return new Property(identifier.name());
        }

        @Override
        public Operand visitStringLiteral(StringLiteral literal) {
            return new Value(literal.value());
        }

        @Override
        public Operand visitExactLiteral(ExactLiteral literal) {
            return new Value(literal.value());
        }

        @Override
        public Operand visitApproximateLiteral(ApproximateLiteral literal) {
            return new Value(literal.value());
        }

        @Override
        public Operand visitBooleanLiteral(BooleanLiteral literal) {
            return new Value(literal.value());
        }

        @Override
        public Operand visitAnd(And and) {
            return new ConditionValue(compile(and));
        }

        @Override
        public Operand visitOr(Or or) {
            return new ConditionValue(compile(or));
        }

        @Override
        public Operand visitNot(Not not) {
            return new ConditionValue(compile(not));
        }

        @Override
        public Operand visitComparison(Comparison comparison) {
            return new ConditionValue(compile(comparison));
        }

        @Override
        public Operand visitBetween(Between between) {
            return new ConditionValue(compile(between));
        }

        @Override
        public Operand visitIn(In in) {
            return new ConditionValue(compile(in));
        }

        @Override
        public Operand visitLike(Like like) {
            return new ConditionValue(compile(like));
        }

        @Override
        public Operand visitIsNull(IsNull isNull) {
            return new ConditionValue(compile(isNull));
        }
    };

    private static Operand operand(Expression expression) {
        return expression.accept(OPERANDS);
    }

    private static Condition[] conditions(List<Expression> expressions) {
        Condition[] conditions = new Condition[expressions.size()];
        for (int i = 0; i < conditions.length; i++) {
            conditions[i] = compile(expressions.get(i));
        }
        return conditions;
    }

    /** The parser lets no numeric or string expression stand where a condition is needed. */
    private static IllegalArgumentException notACondition(Expression expression) {
        return new IllegalArgumentException("not a condition: " + expression);
    }

    // ---- conditions --------------------------------------------------------------------------------------

    private static final class Constant extends Condition {
        private final Truth truth;

        Constant(Truth truth) {
            this.truth = truth;
        }

        @Override
        Truth test(SelectorContext message) {
            return truth;
        }
    }

    /**
     * AND and OR in SQL three-valued logic: one {@code decisive} operand (FALSE for AND, TRUE for OR) decides at
     * once; otherwise any UNKNOWN makes the result UNKNOWN, else it is the opposite of {@code decisive}.
     */
    private static final class Junction extends Condition {
        private final Condition[] operands;
        private final Truth decisive;
        private final Truth otherwise;

        private Junction(Condition[] operands, Truth decisive, Truth otherwise) {
            this.operands = operands;
            this.decisive = decisive;
            this.otherwise = otherwise;
        }

        static Junction allOf(Condition[] operands) {
            return new Junction(operands, Truth.FALSE, Truth.TRUE);
        }

        static Junction anyOf(Condition[] operands) {
            return new Junction(operands, Truth.TRUE, Truth.FALSE);
        }

        @Override
        Truth test(SelectorContext message) {
            Truth result = otherwise;
            for (Condition operand : operands) {
                Truth truth = operand.test(message);
                if (truth == decisive) {
                    return decisive;
                }
                if (truth == Truth.UNKNOWN) {
                    result = Truth.UNKNOWN;
                }
            }
            return result;
        }
    }

    private static final class Negation extends Condition {
        private final Condition operand;

        Negation(Condition operand) {
            this.operand = operand;
        }

        @Override
        Truth test(SelectorContext message) {
            return operand.test(message).not();
        }
    }

    private static final class Compare extends Condition {
        private final ComparisonOperator operator;
        private final Operand left;
        private final Operand right;

        Compare(ComparisonOperator operator, Operand left, Operand right) {
            this.operator = operator;
            this.left = left;
            this.right = right;
        }

        @Override
        Truth test(SelectorContext message) {
            return SelectorValues.compare(operator, left.value(message), right.value(message));
        }
    }

    /** §3.8.1.1 defines BETWEEN by its expansion, so NULLs and unlike types behave as in the two comparisons. */
    private static final class InRange extends Condition {
        private final Operand value;
        private final Operand lower;
        private final Operand upper;
        private final boolean negated;

        InRange(Operand value, Operand lower, Operand upper, boolean negated) {
            this.value = value;
            this.lower = lower;
            this.upper = upper;
            this.negated = negated;
        }

        @Override
        Truth test(SelectorContext message) {
            Object v = value.value(message);
            Object low = lower.value(message);
            Object high = upper.value(message);
            if (negated) {
                return SelectorValues.compare(ComparisonOperator.LESS, v, low)
                        .or(SelectorValues.compare(ComparisonOperator.GREATER, v, high));
            }
            return SelectorValues.compare(ComparisonOperator.GREATER_OR_EQUAL, v, low)
                    .and(SelectorValues.compare(ComparisonOperator.LESS_OR_EQUAL, v, high));
        }
    }

    /**
     * IN is the OR of equalities (§3.8.1.1): UNKNOWN for NULL, and a non-string value equals no string literal,
     * so IN is FALSE and NOT IN is TRUE for it.
     */
    private static final class OneOf extends Condition {
        private final String identifier;
        private final Set<String> values;
        private final boolean negated;

        OneOf(String identifier, Set<String> values, boolean negated) {
            this.identifier = identifier;
            this.values = values;
            this.negated = negated;
        }

        @Override
        Truth test(SelectorContext message) {
            Object value = message.value(identifier);
            if (value == null) {
                return Truth.UNKNOWN;
            }
            boolean found = value instanceof String && values.contains(value);
            return Truth.of(found != negated);
        }
    }

    /**
     * LIKE is UNKNOWN for NULL. The specification defines it for strings only; like a comparison of unlike types,
     * a non-string value does not match (LIKE is FALSE, NOT LIKE is TRUE).
     */
    private static final class Matches extends Condition {
        private final String identifier;
        private final LikePattern pattern;
        private final boolean negated;

        Matches(String identifier, LikePattern pattern, boolean negated) {
            this.identifier = identifier;
            this.pattern = pattern;
            this.negated = negated;
        }

        @Override
        Truth test(SelectorContext message) {
            Object value = message.value(identifier);
            if (value == null) {
                return Truth.UNKNOWN;
            }
            boolean matches = value instanceof String && pattern.matches((String) value);
            return Truth.of(matches != negated);
        }
    }

    private static final class Missing extends Condition {
        private final String identifier;
        private final boolean negated;

        Missing(String identifier, boolean negated) {
            this.identifier = identifier;
            this.negated = negated;
        }

        @Override
        Truth test(SelectorContext message) {
            return Truth.of((message.value(identifier) == null) != negated);
        }
    }

    private static final class BooleanProperty extends Condition {
        private final String identifier;

        BooleanProperty(String identifier) {
            this.identifier = identifier;
        }

        @Override
        Truth test(SelectorContext message) {
            return SelectorValues.truth(message.value(identifier));
        }
    }

    // ---- operands ----------------------------------------------------------------------------------------

    private static final class Value extends Operand {
        private final Object value;

        Value(Object value) {
            this.value = value;
        }

        @Override
        Object value(SelectorContext message) {
            return value;
        }
    }

    private static final class Property extends Operand {
        private final String identifier;

        Property(String identifier) {
            this.identifier = identifier;
        }

        @Override
        Object value(SelectorContext message) {
            return message.value(identifier);
        }
    }

    private static final class Calculation extends Operand {
        private final ArithmeticOperator operator;
        private final Operand left;
        private final Operand right;

        Calculation(ArithmeticOperator operator, Operand left, Operand right) {
            this.operator = operator;
            this.left = left;
            this.right = right;
        }

        @Override
        Object value(SelectorContext message) {
            return SelectorValues.arithmetic(operator, left.value(message), right.value(message));
        }
    }

    private static final class Negative extends Operand {
        private final Operand operand;

        Negative(Operand operand) {
            this.operand = operand;
        }

        @Override
        Object value(SelectorContext message) {
            return SelectorValues.negate(operand.value(message));
        }
    }

    private static final class Positive extends Operand {
        private final Operand operand;

        Positive(Operand operand) {
            this.operand = operand;
        }

        @Override
        Object value(SelectorContext message) {
            return SelectorValues.plus(operand.value(message));
        }
    }

    private static final class ConditionValue extends Operand {
        private final Condition condition;

        ConditionValue(Condition condition) {
            this.condition = condition;
        }

        @Override
        Object value(SelectorContext message) {
            return SelectorValues.value(condition.test(message));
        }
    }
}
