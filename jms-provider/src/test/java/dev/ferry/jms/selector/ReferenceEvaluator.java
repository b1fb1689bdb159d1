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
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A second, deliberately plain reading of the selector semantics, straight over the tree: a Boolean is a truth
 * value and null is UNKNOWN; LIKE goes through a regular expression. It shares no code with the evaluator, so
 * the property test compares two independent implementations of the same rules:
 * NULL makes comparisons and arithmetic UNKNOWN; unlike types compare FALSE; only numbers are ordered; exact
 * with exact is long arithmetic, anything with a float or double is double arithmetic; division by zero is
 * UNKNOWN; BETWEEN is its two comparisons; IN and LIKE on a non-string are FALSE (their NOT forms TRUE).
 */
final class ReferenceEvaluator {

    private final Map<String, Object> message;

    ReferenceEvaluator(Map<String, Object> message) {
        this.message = message;
    }

    /** TRUE, FALSE or null for UNKNOWN. */
    Boolean truth(Expression e) {
        if (e instanceof And) {
            boolean unknown = false;
            for (Expression operand : ((And) e).operands()) {
                Boolean value = truth(operand);
                if (Boolean.FALSE.equals(value)) {
                    return false;
                }
                unknown |= value == null;
            }
            return unknown ? null : true;
        }
        if (e instanceof Or) {
            boolean unknown = false;
            for (Expression operand : ((Or) e).operands()) {
                Boolean value = truth(operand);
                if (Boolean.TRUE.equals(value)) {
                    return true;
                }
                unknown |= value == null;
            }
            return unknown ? null : false;
        }
        if (e instanceof Not) {
            Boolean value = truth(((Not) e).operand());
            return value == null ? null : !value;
        }
        if (e instanceof Comparison) {
            Comparison c = (Comparison) e;
            return compare(c.operator().symbol(), value(c.left()), value(c.right()));
        }
        if (e instanceof Between) {
            Between b = (Between) e;
            Object v = value(b.value());
            Object low = value(b.lower());
            Object high = value(b.upper());
            if (b.negated()) {
                return or(compare("<", v, low), compare(">", v, high));
            }
            return and(compare(">=", v, low), compare("<=", v, high));
        }
        if (e instanceof In) {
            In in = (In) e;
            Object v = message.get(in.identifier().name());
            if (v == null) {
                return null;
            }
            boolean member = v instanceof String && in.values().contains(v);
            return in.negated() ? !member : member;
        }
        if (e instanceof Like) {
            Like like = (Like) e;
            Object v = message.get(like.identifier().name());
            if (v == null) {
                return null;
            }
            boolean matches = v instanceof String
                    && regex(like.pattern(), like.escape()).matcher((String) v).matches();
            return like.negated() ? !matches : matches;
        }
        if (e instanceof IsNull) {
            IsNull isNull = (IsNull) e;
            boolean missing = message.get(isNull.identifier().name()) == null;
            return isNull.negated() ? !missing : missing;
        }
        if (e instanceof Identifier) {
            Object v = message.get(((Identifier) e).name());
            return v instanceof Boolean ? (Boolean) v : null;
        }
        if (e instanceof BooleanLiteral) {
            return ((BooleanLiteral) e).value();
        }
        throw new IllegalArgumentException("not a condition: " + e);
    }

    private Object value(Expression e) {
        if (e instanceof Identifier) {
            return message.get(((Identifier) e).name());
        }
        if (e instanceof StringLiteral) {
            return ((StringLiteral) e).value();
        }
        if (e instanceof ExactLiteral) {
            return ((ExactLiteral) e).value();
        }
        if (e instanceof ApproximateLiteral) {
            return ((ApproximateLiteral) e).value();
        }
        if (e instanceof BooleanLiteral) {
            return ((BooleanLiteral) e).value();
        }
        if (e instanceof UnaryMinus) {
            Object v = value(((UnaryMinus) e).operand());
            if (isWhole(v)) {
                return -((Number) v).longValue();
            }
            return isFraction(v) ? (Object) (-((Number) v).doubleValue()) : null;
        }
        if (e instanceof UnaryPlus) {
            Object v = value(((UnaryPlus) e).operand());
            return isWhole(v) || isFraction(v) ? v : null;
        }
        if (e instanceof Arithmetic) {
            Arithmetic a = (Arithmetic) e;
            return arithmetic(a.operator().symbol(), value(a.left()), value(a.right()));
        }
        return truth(e);
    }

    private static Object arithmetic(String operator, Object left, Object right) {
        boolean numbers = (isWhole(left) || isFraction(left)) && (isWhole(right) || isFraction(right));
        if (!numbers) {
            return null;
        }
        if (isWhole(left) && isWhole(right)) {
            long x = ((Number) left).longValue();
            long y = ((Number) right).longValue();
            switch (operator) {
                case "+": return x + y;
                case "-": return x - y;
                case "*": return x * y;
                default: return y == 0 ? null : (Object) (x / y);
            }
        }
        double x = ((Number) left).doubleValue();
        double y = ((Number) right).doubleValue();
        switch (operator) {
            case "+": return x + y;
            case "-": return x - y;
            case "*": return x * y;
            default: return y == 0.0 ? null : (Object) (x / y);
        }
    }

    private static Boolean compare(String operator, Object left, Object right) {
        if (left == null || right == null) {
            return null;
        }
        boolean leftNumber = isWhole(left) || isFraction(left);
        boolean rightNumber = isWhole(right) || isFraction(right);
        if (leftNumber && rightNumber) {
            if (isWhole(left) && isWhole(right)) {
                int order = Long.compare(((Number) left).longValue(), ((Number) right).longValue());
                return ordered(operator, order < 0, order == 0);
            }
            double x = ((Number) left).doubleValue();
            double y = ((Number) right).doubleValue();
            return ordered(operator, x < y, x == y);
        }
        boolean sameKind = (left instanceof String && right instanceof String)
                || (left instanceof Boolean && right instanceof Boolean);
        if (!sameKind) {
            return false;
        }
        switch (operator) {
            case "=": return left.equals(right);
            case "<>": return !left.equals(right);
            default: return false;
        }
    }

    private static boolean ordered(String operator, boolean less, boolean equal) {
        switch (operator) {
            case "=": return equal;
            case "<>": return !equal;
            case "<": return less;
            case "<=": return less || equal;
            case ">": return !less && !equal;
            default: return !less;
        }
    }

    private static Boolean and(Boolean x, Boolean y) {
        if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
            return false;
        }
        return x == null || y == null ? null : true;
    }

    private static Boolean or(Boolean x, Boolean y) {
        if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
            return true;
        }
        return x == null || y == null ? null : false;
    }

    private static boolean isWhole(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
    }

    private static boolean isFraction(Object v) {
        return v instanceof Double || v instanceof Float;
    }

    private static Pattern regex(String pattern, String escape) {
        StringBuilder regex = new StringBuilder();
        int[] codePoints = pattern.codePoints().toArray();
        int escapeCodePoint = escape == null ? -1 : escape.codePointAt(0);
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            if (c == escapeCodePoint) {
                regex.append(Pattern.quote(new String(Character.toChars(codePoints[++i]))));
            } else if (c == '_') {
                regex.append('.');
            } else if (c == '%') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(new String(Character.toChars(c))));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
