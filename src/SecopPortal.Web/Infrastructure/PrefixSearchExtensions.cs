using System.Linq.Expressions;
using SecopPortal.Domain.Common;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// "Starts with", written as the range an index can read: <c>column &gt;= prefix AND column &lt; next</c>, where next
/// is the prefix with its last character raised by one. Exact on the byte-order columns it is meant for
/// (see SearchColumns in the persistence layer).
/// </summary>
public static class PrefixSearchExtensions
{
    public static IQueryable<T> WhereStartsWith<T>(this IQueryable<T> query, Expression<Func<T, string?>> column, string prefix)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Where(StartsWith(column, prefix));
    }

    /// <summary>The range predicate, to combine with others (<c>OrElse</c>).</summary>
    public static Expression<Func<T, bool>> StartsWith<T>(Expression<Func<T, string?>> column, string prefix)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var bounds = Expression.Constant(new Range(prefix, UpperBound(prefix)));
        var compareTo = typeof(string).GetMethod(nameof(string.CompareTo), [typeof(string)])!;
        var zero = Expression.Constant(0);
        var from = Expression.MakeBinary(ExpressionType.GreaterThanOrEqual, Expression.Call(column.Body, compareTo, Expression.Property(bounds, nameof(Range.From))), zero);
        var below = Expression.MakeBinary(ExpressionType.LessThan, Expression.Call(column.Body, compareTo, Expression.Property(bounds, nameof(Range.Below))), zero);
        return Expression.Lambda<Func<T, bool>>(Expression.AndAlso(from, below), column.Parameters);
    }

    /// <summary>The first string after every string that starts with <paramref name="prefix"/>, in code-point order.</summary>
    public static string UpperBound(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var last = prefix[^1];
        return last == char.MaxValue ? prefix + char.MaxValue : prefix[..^1] + (char)(last + 1);
    }

    private sealed record Range(string From, string Below);
}

/// <summary>
/// A NIT as an admin types it to find an entity: digits, with or without dots and spaces, with or without the
/// check digit. "899.999.001-7" finds that NIT; "899999001" and "8999" find every NIT that starts so;
/// "8999990017" (the check digit typed without its hyphen) finds 899999001-7 as well.
/// </summary>
public sealed record NitSearch(string Prefix, string? WithCheckDigit)
{
    public static bool TryParse(string? text, out NitSearch search)
    {
        search = new NitSearch(string.Empty, null);
        var compact = (text ?? string.Empty).Replace(".", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        var hyphen = compact.IndexOf('-', StringComparison.Ordinal);
        var digits = hyphen < 0 ? compact : compact[..hyphen];
        var check = hyphen < 0 ? string.Empty : compact[(hyphen + 1)..];
        if (digits.Length == 0 || digits.Length > 16 || !digits.All(char.IsAsciiDigit) || check.Length > 1 || !check.All(char.IsAsciiDigit))
        {
            return false;
        }

        string? withCheckDigit = null;
        if (hyphen < 0 && digits.Length >= 7 && NitNumber.CheckDigit(digits[..^1]) == digits[^1] - '0')
        {
            withCheckDigit = $"{digits[..^1]}-{digits[^1]}";
        }

        search = new NitSearch(hyphen < 0 ? digits : $"{digits}-{check}", withCheckDigit);
        return true;
    }
}
