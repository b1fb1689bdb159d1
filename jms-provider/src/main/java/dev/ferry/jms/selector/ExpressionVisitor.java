package dev.ferry.jms.selector;

/**
 * One method per kind of {@link Expression} node; {@link Expression#accept} calls the matching one. A visitor
 * decides itself whether and in which order to visit the children of a node.
 */
public interface ExpressionVisitor<R> {

    R visitAnd(Expression.And and);

    R visitOr(Expression.Or or);

    R visitNot(Expression.Not not);

    R visitComparison(Expression.Comparison comparison);

    R visitBetween(Expression.Between between);

    R visitIn(Expression.In in);

    R visitLike(Expression.Like like);

    R visitIsNull(Expression.IsNull isNull);

    R visitArithmetic(Expression.Arithmetic arithmetic);

    R visitUnaryMinus(Expression.UnaryMinus unaryMinus);

    R visitUnaryPlus(Expression.UnaryPlus unaryPlus);

    R visitIdentifier(Expression.Identifier identifier);

    R visitStringLiteral(Expression.StringLiteral literal);

    R visitExactLiteral(Expression.ExactLiteral literal);

    R visitApproximateLiteral(Expression.ApproximateLiteral literal);

    R visitBooleanLiteral(Expression.BooleanLiteral literal);
}
