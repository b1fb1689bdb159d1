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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Random selector trees that the parser must accept (well typed where types are known: literals and headers;
 * property references anywhere), and random messages whose properties have every type or none, so that NULL,
 * unlike types and division by zero are all exercised. Small value pools make equalities and LIKE matches likely.
 */
final class SelectorArbitraries {

    /** Property references: their type is only known per message. */
    static final List<String> PROPERTIES = List.of("a", "b", "s", "flag", "JMSXGroupSeq");
    static final List<String> NUMERIC_HEADERS = List.of("JMSPriority", "JMSTimestamp");
    static final List<String> STRING_HEADERS = List.of("JMSType", "JMSDeliveryMode", "JMSCorrelationID");
    static final List<String> STRINGS = List.of("", "a", "ab", "ba", "a_b", "a%", "!", "abab", "it's", "PERSISTENT",
            "\uD83D\uDE00");

    private static final List<String> PLAIN_LIKE_ATOMS = List.of("a", "b", "!", "_", "%", "'");
    private static final List<String> ESCAPED_LIKE_ATOMS = List.of("a", "b", "_", "%", "!_", "!%", "!!", "!a");

    private SelectorArbitraries() {
    }

    // ---- trees -------------------------------------------------------------------------------------------

    static Arbitrary<Expression> conditions(int depth) {
        Arbitrary<Expression> numbers = numerics(Math.min(depth, 2));
        List<Tuple2<Integer, Arbitrary<Expression>>> choices = new ArrayList<>();
        choices.add(Tuple.of(4, Combinators.combine(Arbitraries.of(ComparisonOperator.class), numbers, numbers)
                .as((operator, left, right) -> new Comparison(operator, left, right))));
        Arbitrary<Expression> strings = Arbitraries.oneOf(List.of(stringLiterals(), identifiers(stringIdentifierNames())));
        choices.add(Tuple.of(2, Combinators.combine(equality(), strings, strings)
                .as((operator, left, right) -> new Comparison(operator, left, right))));
        Arbitrary<Expression> anything = Arbitraries.oneOf(List.of(stringLiterals(), exactLiterals(),
                approximateLiterals(), booleanLiterals(), identifiers(allIdentifierNames())));
        choices.add(Tuple.of(1, Combinators.combine(equality(), anything, anything)
                .as((operator, left, right) -> new Comparison(operator, left, right))));
        choices.add(Tuple.of(2, Combinators.combine(numbers, numbers, numbers, Arbitraries.of(true, false))
                .as((value, lower, upper, negated) -> new Between(value, lower, upper, negated))));
        choices.add(Tuple.of(2, Combinators.combine(stringIdentifierNames(),
                        Arbitraries.of(STRINGS).list().ofMinSize(1).ofMaxSize(4), Arbitraries.of(true, false))
                .as((name, values, negated) -> new In(new Identifier(name), values, negated))));
        choices.add(Tuple.of(2, likes()));
        choices.add(Tuple.of(1, Combinators.combine(allIdentifierNames(), Arbitraries.of(true, false))
                .as((name, negated) -> new IsNull(new Identifier(name), negated))));
        choices.add(Tuple.of(1, identifiers(Arbitraries.of(PROPERTIES))));
        choices.add(Tuple.of(1, booleanLiterals()));
        if (depth > 0) {
            Arbitrary<Expression> inner = conditions(depth - 1);
            choices.add(Tuple.of(2, inner.map(Not::new)));
            choices.add(Tuple.of(2, inner.list().ofMinSize(2).ofMaxSize(3).map(And::new)));
            choices.add(Tuple.of(2, inner.list().ofMinSize(2).ofMaxSize(3).map(Or::new)));
            Arbitrary<Expression> truths = Arbitraries.oneOf(List.of(inner, booleanLiterals(),
                    identifiers(Arbitraries.of(PROPERTIES))));
            choices.add(Tuple.of(1, Combinators.combine(equality(), truths, truths)
                    .as((operator, left, right) -> new Comparison(operator, left, right))));
        }
        return Arbitraries.frequencyOf(choices);
    }

    static Arbitrary<Expression> numerics(int depth) {
        List<Tuple2<Integer, Arbitrary<Expression>>> leaves = List.of(
                Tuple.of(3, exactLiterals()),
                Tuple.of(2, approximateLiterals()),
                Tuple.of(3, identifiers(numericIdentifierNames())));
        Arbitrary<Expression> leaf = Arbitraries.frequencyOf(leaves);
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Expression> inner = numerics(depth - 1);
        return Arbitraries.frequencyOf(List.of(
                Tuple.of(4, leaf),
                Tuple.of(3, Combinators.combine(Arbitraries.of(ArithmeticOperator.class), inner, inner)
                        .as((operator, left, right) -> new Arithmetic(operator, left, right))),
                Tuple.of(1, inner.map(UnaryMinus::new)),
                Tuple.of(1, inner.map(UnaryPlus::new))));
    }

    private static Arbitrary<Expression> likes() {
        return Arbitraries.of(true, false).flatMap(escaped -> Combinators.combine(stringIdentifierNames(),
                        Arbitraries.of(escaped ? ESCAPED_LIKE_ATOMS : PLAIN_LIKE_ATOMS).list().ofMaxSize(5),
                        Arbitraries.of(true, false))
                .as((name, atoms, negated) -> new Like(new Identifier(name), String.join("", atoms),
                        escaped ? "!" : null, negated)));
    }

    private static Arbitrary<ComparisonOperator> equality() {
        return Arbitraries.of(ComparisonOperator.EQUAL, ComparisonOperator.NOT_EQUAL);
    }

    private static Arbitrary<Expression> exactLiterals() {
        return Arbitraries.frequencyOf(List.of(
                        Tuple.of(9, Arbitraries.longs().between(-3, 12)),
                        Tuple.of(1, Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 1_700_000_000_000L))))
                .map(ExactLiteral::new);
    }

    private static Arbitrary<Expression> approximateLiterals() {
        return Arbitraries.of(0.0, -0.0, 0.5, 1.0, 2.5, -3.0, 10.0, 1e10, 1.0E-5).map(ApproximateLiteral::new);
    }

    private static Arbitrary<Expression> stringLiterals() {
        return Arbitraries.of(STRINGS).map(StringLiteral::new);
    }

    private static Arbitrary<Expression> booleanLiterals() {
        return Arbitraries.of(true, false).map(BooleanLiteral::new);
    }

    private static Arbitrary<Expression> identifiers(Arbitrary<String> names) {
        return names.map(Identifier::new);
    }

    private static Arbitrary<String> numericIdentifierNames() {
        return Arbitraries.of(concat(PROPERTIES, NUMERIC_HEADERS));
    }

    private static Arbitrary<String> stringIdentifierNames() {
        return Arbitraries.of(concat(PROPERTIES, STRING_HEADERS));
    }

    private static Arbitrary<String> allIdentifierNames() {
        return Arbitraries.of(concat(PROPERTIES, concat(NUMERIC_HEADERS, STRING_HEADERS)));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    // ---- messages ----------------------------------------------------------------------------------------

    static Arbitrary<Map<String, Object>> messages() {
        Arbitrary<Object> propertyValues = Arbitraries.frequencyOf(List.of(
                        Tuple.of(3, Arbitraries.integers().between(-3, 12).map(v -> (Object) v)),
                        Tuple.of(2, Arbitraries.longs().between(-3, 12).map(v -> (Object) v)),
                        Tuple.of(1, Arbitraries.of((Object) (short) 2, (Object) (byte) 3)),
                        Tuple.of(2, Arbitraries.of(0.0, 1.0, 2.5, -3.0, 10.0).map(v -> (Object) v)),
                        Tuple.of(1, Arbitraries.of(0.5f, 2.0f).map(v -> (Object) v)),
                        Tuple.of(3, Arbitraries.of(STRINGS).map(v -> (Object) v)),
                        Tuple.of(2, Arbitraries.of(true, false).map(v -> (Object) v))))
                .injectNull(0.3);
        return Combinators.combine(
                        propertyValues.list().ofSize(PROPERTIES.size()),
                        Arbitraries.integers().between(0, 9),
                        Arbitraries.of(0L, 5L, 1_700_000_000_000L),
                        Arbitraries.of(STRINGS).injectNull(0.3),
                        Arbitraries.of(SelectorHeader.PERSISTENT, SelectorHeader.NON_PERSISTENT),
                        Arbitraries.of(STRINGS).injectNull(0.3))
                .as((properties, priority, timestamp, type, deliveryMode, correlationId) -> {
                    Map<String, Object> message = new HashMap<>();
                    for (int i = 0; i < PROPERTIES.size(); i++) {
                        if (properties.get(i) != null) {
                            message.put(PROPERTIES.get(i), properties.get(i));
                        }
                    }
                    message.put("JMSPriority", priority);
                    message.put("JMSTimestamp", timestamp);
                    message.put("JMSType", type);
                    message.put("JMSDeliveryMode", deliveryMode);
                    message.put("JMSCorrelationID", correlationId);
                    return message;
                });
    }
}
