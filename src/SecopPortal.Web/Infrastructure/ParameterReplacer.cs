using System.Linq.Expressions;

namespace SecopPortal.Web.Infrastructure;

/// <summary>Rewrites an expression with one parameter replaced by another expression, to compose lambdas EF can translate.</summary>
public sealed class ParameterReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
}
