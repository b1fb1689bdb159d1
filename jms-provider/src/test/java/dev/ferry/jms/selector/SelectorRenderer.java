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
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes a tree as selector text, written for the tests and independent of the parser: every operand in
 * parentheses (so the text has exactly the tree's grouping), keywords in the chosen case, and a sign before
 * parentheses, never directly before a number, so that only literals the generator made negative read as negative
 * literals.
 */
final class SelectorRenderer {

    enum KeywordCase { UPPER, LOWER, MIXED }

    private final KeywordCase keywordCase;

    SelectorRenderer(KeywordCase keywordCase) {
        this.keywordCase = keywordCase;
    }

    String render(Expression expression) {
        if (expression instanceof And) {
            return join(((And) expression).operands(), "AND");
        }
        if (expression instanceof Or) {
            return join(((Or) expression).operands(), "OR");
        }
        if (expression instanceof Not) {
            return keyword("NOT") + " " + group(((Not) expression).operand());
        }
        if (expression instanceof Comparison) {
            Comparison comparison = (Comparison) expression;
            return group(comparison.left()) + " " + comparison.operator().symbol() + " " + group(comparison.right());
        }
        if (expression instanceof Between) {
            Between between = (Between) expression;
            return group(between.value()) + negation(between.negated()) + " " + keyword("BETWEEN") + " "
                    + group(between.lower()) + " " + keyword("AND") + " " + group(between.upper());
        }
        if (expression instanceof In) {
            In in = (In) expression;
            return in.identifier().name() + negation(in.negated()) + " " + keyword("IN") + " ("
                    + in.values().stream().map(SelectorRenderer::quoted).collect(Collectors.joining(", ")) + ")";
        }
        if (expression instanceof Like) {
            Like like = (Like) expression;
            return like.identifier().name() + negation(like.negated()) + " " + keyword("LIKE") + " "
                    + quoted(like.pattern())
                    + (like.escape() == null ? "" : " " + keyword("ESCAPE") + " " + quoted(like.escape()));
        }
        if (expression instanceof IsNull) {
            IsNull isNull = (IsNull) expression;
            return isNull.identifier().name() + " " + keyword("IS") + negation(isNull.negated()) + " "
                    + keyword("NULL");
        }
        if (expression instanceof Arithmetic) {
            Arithmetic arithmetic = (Arithmetic) expression;
            return group(arithmetic.left()) + " " + arithmetic.operator().symbol() + " " + group(arithmetic.right());
        }
        if (expression instanceof UnaryMinus) {
            return "-" + group(((UnaryMinus) expression).operand());
        }
        if (expression instanceof UnaryPlus) {
            return "+" + group(((UnaryPlus) expression).operand());
        }
        if (expression instanceof Identifier) {
            return ((Identifier) expression).name();
        }
        if (expression instanceof StringLiteral) {
            return quoted(((StringLiteral) expression).value());
        }
        if (expression instanceof ExactLiteral) {
            return Long.toString(((ExactLiteral) expression).value());
        }
        if (expression instanceof ApproximateLiteral) {
            return Double.toString(((ApproximateLiteral) expression).value());
        }
        if (expression instanceof BooleanLiteral) {
            return keyword(((BooleanLiteral) expression).value() ? "TRUE" : "FALSE");
        }
        throw new IllegalArgumentException("unknown node " + expression);
    }

    private String group(Expression expression) {
        return "(" + render(expression) + ")";
    }

    private String join(List<Expression> operands, String operator) {
        return operands.stream().map(this::group).collect(Collectors.joining(" " + keyword(operator) + " "));
    }

    private String negation(boolean negated) {
        return negated ? " " + keyword("NOT") : "";
    }

    private String keyword(String word) {
        switch (keywordCase) {
            case LOWER:
                return word.toLowerCase(Locale.ROOT);
            case MIXED:
                StringBuilder mixed = new StringBuilder();
                for (int i = 0; i < word.length(); i++) {
                    char c = word.charAt(i);
                    mixed.append(i % 2 == 0 ? c : Character.toLowerCase(c));
                }
                return mixed.toString();
            default:
                return word;
        }
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
