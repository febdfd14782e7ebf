using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// Which page of a keyset-paged list to read: the first, the one after a row ("Siguiente") or the one before a row
/// ("Anterior"). The cursors travel in the URL (<c>despues</c>, <c>antes</c>) as opaque tokens; a token that does not
/// parse reads the first page.
/// </summary>
public sealed record PageRequest(string? After, string? Before)
{
    public static PageRequest First { get; } = new(null, null);

    public bool IsFirst => string.IsNullOrEmpty(After) && string.IsNullOrEmpty(Before);
}

/// <summary>One page of a keyset-paged list: its rows, the position of the first one, and the cursors to its neighbours.</summary>
public sealed record KeysetPage<TRow>(IReadOnlyList<TRow> Rows, int FirstPosition, string? PreviousCursor, string? NextCursor)
{
    public bool IsOnlyPage => PreviousCursor is null && NextCursor is null;
}

/// <summary>
/// Keyset ("seek") paging: a page is the next <c>PageSize</c> rows after the last row shown, in the order of an
/// index on (key, id), so reading page 5,000 costs what page 1 costs and no page counts or sorts the whole table.
/// The predicate is written as <c>key &gt;= k AND (key &gt; k OR id &gt; i)</c>, which keeps the index range and its
/// order usable on PostgreSQL and SQLite alike.
/// </summary>
public static class KeysetPaging
{
    /// <summary>
    /// Reads one page of <paramref name="query"/> ordered by (<paramref name="key"/>, <paramref name="id"/>),
    /// ascending or descending, projected with <paramref name="projection"/>.
    /// </summary>
    public static async Task<KeysetPage<TRow>> ReadAsync<TEntity, TKey, TId, TRow>(
        IQueryable<TEntity> query,
        Expression<Func<TEntity, TKey>> key,
        Expression<Func<TEntity, TId>> id,
        bool descending,
        Expression<Func<TEntity, TRow>> projection,
        PageRequest request,
        int pageSize,
        CancellationToken cancellationToken)
        where TKey : IParsable<TKey>
        where TId : IParsable<TId>
    {
        ArgumentNullException.ThrowIfNull(request);
        var after = Cursor<TKey, TId>.TryParse(request.After);
        var before = after is null ? Cursor<TKey, TId>.TryParse(request.Before) : null;
        var backward = before is not null;
        var cursor = after ?? before;

        // Reading backward walks the same index the other way, then turns the page around.
        var ascending = descending == backward;
        var page = query;
        if (cursor is not null)
        {
            page = page.Where(Beyond(key, id, cursor, ascending));
        }

        var ordered = ascending
            ? page.OrderBy(key).ThenBy(id)
            : page.OrderByDescending(key).ThenByDescending(id);
        var rows = await ordered.Take(pageSize + 1).Select(Keyed(key, id, projection)).ToListAsync(cancellationToken);
        var hasMore = rows.Count > pageSize;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (backward)
        {
            if (!hasMore && rows.Count < pageSize)
            {
                // Back at the start, and the rows before the cursor no longer fill a page: show the first page whole.
                return await ReadAsync(query, key, id, descending, projection, PageRequest.First, pageSize, cancellationToken);
            }

            rows.Reverse();
            var first = hasMore ? Math.Max(2, cursor!.Position - rows.Count) : 1;
            return new KeysetPage<TRow>(
                rows.Select(r => r.Row).ToList(),
                first,
                hasMore ? new Cursor<TKey, TId>(rows[0].Key, rows[0].Id, first).Format() : null,
                rows.Count > 0 ? new Cursor<TKey, TId>(rows[^1].Key, rows[^1].Id, first + rows.Count).Format() : null);
        }

        var position = after?.Position ?? 1;
        return new KeysetPage<TRow>(
            rows.Select(r => r.Row).ToList(),
            position,
            after is not null && rows.Count > 0 ? new Cursor<TKey, TId>(rows[0].Key, rows[0].Id, position).Format() : null,
            hasMore ? new Cursor<TKey, TId>(rows[^1].Key, rows[^1].Id, position + rows.Count).Format() : null);
    }

    /// <summary>The rows strictly after the cursor in the walking order: key beyond k, or key equal to k and id beyond i.</summary>
    private static Expression<Func<TEntity, bool>> Beyond<TEntity, TKey, TId>(
        Expression<Func<TEntity, TKey>> key, Expression<Func<TEntity, TId>> id, Cursor<TKey, TId> cursor, bool ascending)
        where TKey : IParsable<TKey>
        where TId : IParsable<TId>
    {
        var entity = key.Parameters[0];
        var keyValue = key.Body;
        var idValue = new ParameterReplacer(id.Parameters[0], entity).Visit(id.Body);

        // Member access on a captured object, so EF sends the values as parameters and reuses the plan.
        var bounds = Expression.Constant(new Bounds<TKey, TId>(cursor.Key, cursor.Id));
        var k = Expression.Property(bounds, nameof(Bounds<TKey, TId>.Key));
        var i = Expression.Property(bounds, nameof(Bounds<TKey, TId>.Id));
        var (atLeast, beyond) = ascending
            ? (ExpressionType.GreaterThanOrEqual, ExpressionType.GreaterThan)
            : (ExpressionType.LessThanOrEqual, ExpressionType.LessThan);
        var body = Expression.AndAlso(
            Compare(keyValue, k, atLeast),
            Expression.OrElse(Compare(keyValue, k, beyond), Compare(idValue, i, beyond)));
        return Expression.Lambda<Func<TEntity, bool>>(body, entity);
    }

    /// <summary><c>a op b</c>, through <c>CompareTo</c> for types without comparison operators (string, Guid); EF translates both.</summary>
    private static BinaryExpression Compare(Expression left, Expression right, ExpressionType op)
    {
        if (left.Type == typeof(string) || left.Type == typeof(Guid))
        {
            var compareTo = left.Type.GetMethod(nameof(string.CompareTo), [left.Type])!;
            return Expression.MakeBinary(op, Expression.Call(left, compareTo, right), Expression.Constant(0));
        }

        return Expression.MakeBinary(op, left, right);
    }

    private static Expression<Func<TEntity, KeyedRow<TKey, TId, TRow>>> Keyed<TEntity, TKey, TId, TRow>(
        Expression<Func<TEntity, TKey>> key, Expression<Func<TEntity, TId>> id, Expression<Func<TEntity, TRow>> projection)
    {
        var entity = key.Parameters[0];
        var type = typeof(KeyedRow<TKey, TId, TRow>);
        var body = Expression.MemberInit(
            Expression.New(type),
            Expression.Bind(type.GetProperty(nameof(KeyedRow<TKey, TId, TRow>.Key))!, key.Body),
            Expression.Bind(type.GetProperty(nameof(KeyedRow<TKey, TId, TRow>.Id))!, new ParameterReplacer(id.Parameters[0], entity).Visit(id.Body)),
            Expression.Bind(type.GetProperty(nameof(KeyedRow<TKey, TId, TRow>.Row))!, new ParameterReplacer(projection.Parameters[0], entity).Visit(projection.Body)));
        return Expression.Lambda<Func<TEntity, KeyedRow<TKey, TId, TRow>>>(body, entity);
    }

    private sealed class Bounds<TKey, TId>(TKey key, TId id)
    {
        public TKey Key { get; } = key;

        public TId Id { get; } = id;
    }
}

/// <summary>A projected row with the sort key and id it was read in; public so EF can build it.</summary>
public sealed class KeyedRow<TKey, TId, TRow>
{
    public TKey Key { get; init; } = default!;

    public TId Id { get; init; } = default!;

    public TRow Row { get; init; } = default!;
}

/// <summary>A row's place in its list: its sort key, its id and its 1-based position (shown as "Registros 21 a 40").</summary>
internal sealed record Cursor<TKey, TId>(TKey Key, TId Id, int Position)
    where TKey : IParsable<TKey>
    where TId : IParsable<TId>
{
    public string Format() =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Position}\n{Id}\n{KeyText(Key)}")));

    /// <summary>An instant to the tick and as UTC ("O"): the invariant default keeps whole seconds, which would skip rows.</summary>
    private static string? KeyText(TKey key) => key is DateTime instant
        ? DateTime.SpecifyKind(instant, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture)
        : Convert.ToString(key, CultureInfo.InvariantCulture);

    private static bool TryParseKey(string text, out TKey key)
    {
        if (typeof(TKey) == typeof(DateTime))
        {
            var parsed = DateTime.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant);
            key = (TKey)(object)DateTime.SpecifyKind(instant, DateTimeKind.Utc);
            return parsed;
        }

        return TKey.TryParse(text, CultureInfo.InvariantCulture, out key!);
    }

    public static Cursor<TKey, TId>? TryParse(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token)).Split('\n', 3);
            return parts.Length == 3
                   && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position >= 1
                   && TId.TryParse(parts[1], CultureInfo.InvariantCulture, out var id)
                   && TryParseKey(parts[2], out var key)
                ? new Cursor<TKey, TId>(key, id, position)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
