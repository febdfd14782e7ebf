using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecopPortal.Infrastructure.Persistence;

/// <summary>
/// The columns the admin lists search by their beginning ("CO1.PCCNTR.12…", "maria fer…", "89999…") and page
/// through in their own order.
/// <para>
/// Prefix: the queries ask for a range (at least the prefix, below the prefix with its last character raised by
/// one), which is exactly "starts with" only when the column compares byte by byte. SQLite's default BINARY
/// collation does; on PostgreSQL these columns get the "C" collation, so one plain btree index serves both the
/// range and the ORDER BY (with a linguistic collation a prefix needs a text_pattern_ops index, which cannot give
/// the list its order, so every match would be sorted). On SQL Server they get the binary collation
/// <see cref="SqlServerCollation"/> (code-point order, like C#'s ordinal comparison) for the same reason. Equality,
/// the only other use of these columns, is the same in every collation.
/// </para>
/// <para>
/// Folded: a name is searched in a folded copy (<see cref="SearchFold"/>) the database computes from the name
/// itself, so every writer — the portal, Identity, a bulk load in SQL — keeps it in step. PostgreSQL and SQL Server
/// store it (PERSISTED); SQLite, which cannot add a stored generated column to an existing table, computes it on
/// read and keeps its value in the index.
/// </para>
/// </summary>
public static class SearchColumns
{
    /// <summary>PostgreSQL's byte-order collation.</summary>
    public const string PostgresCollation = "C";

    /// <summary>SQL Server's code-point-order collation (binary, case- and accent-sensitive).</summary>
    public const string SqlServerCollation = "Latin1_General_100_BIN2";

    private const string PrefixMarker = "SecopPortal:SearchedByPrefix";
    private const string FoldMarker = "SecopPortal:FoldedFrom";

    /// <summary>Marks a column as searched by prefix; <see cref="Apply"/> gives it the provider's byte-order collation.</summary>
    public static PropertyBuilder<TProperty> IsSearchedByPrefix<TProperty>(this PropertyBuilder<TProperty> property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.HasAnnotation(PrefixMarker, true);
    }

    /// <summary>Marks a column as the database-computed <see cref="SearchFold"/> of <paramref name="sourceColumn"/>.</summary>
    public static PropertyBuilder<TProperty> IsFoldedFrom<TProperty>(this PropertyBuilder<TProperty> property, string sourceColumn)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.HasAnnotation(FoldMarker, sourceColumn).HasAnnotation(PrefixMarker, true);
    }

    /// <summary>Turns the marks into what each provider needs, then drops them from the model.</summary>
    public static void Apply(ModelBuilder builder, DatabaseProvider provider)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetDeclaredProperties()).ToList())
        {
            if (property.FindAnnotation(FoldMarker)?.Value is string source)
            {
                property.RemoveAnnotation(FoldMarker);
                var maxLength = property.GetMaxLength() ?? throw new InvalidOperationException($"The folded column {property.Name} needs a maximum length.");
                property.SetComputedColumnSql(FoldedColumnSql(provider, source, maxLength));
                property.SetIsStored(StoresFolded(provider));
            }

            if (property.FindAnnotation(PrefixMarker) is not null)
            {
                property.RemoveAnnotation(PrefixMarker);
                property.SetCollation(PrefixCollation(provider));
            }
        }
    }

    /// <summary>The byte-order collation of the columns searched by prefix (SQLite's default already is).</summary>
    public static string? PrefixCollation(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => PostgresCollation,
        DatabaseProvider.SqlServer => SqlServerCollation,
        _ => null,
    };

    /// <summary>The expression the database computes the folded copy of <paramref name="sourceColumn"/> with.</summary>
    public static string FoldedColumnSql(DatabaseProvider provider, string sourceColumn, int maxLength) =>
        provider == DatabaseProvider.SqlServer ? SearchFold.SqlServerSql(sourceColumn, maxLength) : SearchFold.Sql($"\"{sourceColumn}\"");

    /// <summary>Whether the folded copy is stored: yes on the servers, computed on read on SQLite (null: the default).</summary>
    public static bool? StoresFolded(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? null : true;
}

/// <summary>
/// How names are folded for searching: case and the accents of Spanish and its neighbours removed, runs of spaces
/// shortened, ends trimmed — "  María  Fernanda NÚÑEZ" becomes "maria fernanda nunez". The same character table
/// builds the SQL the database computes the folded columns with (<see cref="Sql"/>) and the C# the portal folds a
/// search term with (<see cref="Fold"/>), so both always agree, on every provider; characters outside the table are
/// left as they are on both sides.
/// </summary>
public static class SearchFold
{
    private static readonly (string From, char To)[] Groups =
    [
        ("áàâäãåÁÀÂÄÃÅ", 'a'), ("éèêëÉÈÊË", 'e'), ("íìîïÍÌÎÏ", 'i'), ("óòôöõÓÒÔÖÕ", 'o'), ("úùûüÚÙÛÜ", 'u'),
        ("ñÑ", 'n'), ("çÇ", 'c'), ("ýÿÝ", 'y'), ("ABCDEFGHIJKLMNOPQRSTUVWXYZ", '\0'),
    ];

    /// <summary>Every (from, to) pair, in the order the SQL applies them.</summary>
    private static readonly (char From, char To)[] Pairs =
        Groups.SelectMany(g => g.From.Select(c => (c, g.To == '\0' ? (char)(c - 'A' + 'a') : g.To))).ToArray();

    /// <summary>Runs of up to 2^<c>SpaceRounds</c> spaces become one (names are typed, not pasted from a layout).</summary>
    private const int SpaceRounds = 3;

    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var folded = new StringBuilder(text);
        foreach (var (from, to) in Pairs)
        {
            folded.Replace(from, to);
        }

        for (var round = 0; round < SpaceRounds; round++)
        {
            folded.Replace("  ", " ");
        }

        return folded.ToString().Trim(' ');
    }

    /// <summary>The SQL expression (valid in SQLite and PostgreSQL) that folds <paramref name="column"/>, already quoted.</summary>
    public static string Sql(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var sql = column;
        foreach (var (from, to) in Pairs)
        {
            sql = $"replace({sql}, '{from}', '{to}')";
        }

        return Trimmed(sql, "replace", string.Empty, "trim");
    }

    /// <summary>
    /// SQL Server's form (2017 or later), for the column named <paramref name="column"/>: the column read in
    /// <see cref="SearchColumns.SqlServerCollation"/>, so the table applies character by character exactly as in
    /// <see cref="Fold"/> whatever the database's collation; one TRANSLATE for the whole table (the same as replacing
    /// pair by pair, since no character is both replaced and a replacement); nvarchar literals; and a CAST to the
    /// column's length, so the indexed value is no wider than the name.
    /// </summary>
    public static string SqlServerSql(string column, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(column);
        var from = new string([.. Pairs.Select(p => p.From)]);
        var to = new string([.. Pairs.Select(p => p.To)]);
        var translated = $"TRANSLATE([{column}] COLLATE {SearchColumns.SqlServerCollation}, N'{from}', N'{to}')";
        return $"CAST({Trimmed(translated, "REPLACE", "N", "TRIM")} AS nvarchar({maxLength.ToString(CultureInfo.InvariantCulture)}))";
    }

    /// <summary>Runs of spaces shortened, then the ends trimmed, in each dialect's spelling.</summary>
    private static string Trimmed(string sql, string replace, string literalPrefix, string trim)
    {
        for (var round = 0; round < SpaceRounds; round++)
        {
            sql = $"{replace}({sql}, {literalPrefix}'  ', {literalPrefix}' ')";
        }

        return $"{trim}({sql})";
    }
}
