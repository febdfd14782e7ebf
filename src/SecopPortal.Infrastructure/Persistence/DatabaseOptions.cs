using System.ComponentModel.DataAnnotations;

namespace SecopPortal.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite = 1,
    Postgres = 2,

    /// <summary>Generated and checked offline only: no test has run against a SQL Server (ADR 0004).</summary>
    SqlServer = 3,
}

/// <summary>
/// EF's names of the portal's providers (<c>Database.ProviderName</c>, <c>MigrationBuilder.ActiveProvider</c>), for the
/// model and the migrations to tell them apart with one switch.
/// </summary>
public static class DatabaseProviderNames
{
    public const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";
    public const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";
    public const string SqlServer = "Microsoft.EntityFrameworkCore.SqlServer";

    public static DatabaseProvider Of(string? efProviderName) => efProviderName switch
    {
        Sqlite => DatabaseProvider.Sqlite,
        Postgres => DatabaseProvider.Postgres,
        SqlServer => DatabaseProvider.SqlServer,
        _ => throw new NotSupportedException($"The portal has no schema for the EF provider '{efProviderName}'."),
    };
}

/// <summary>Bound from the "Database" section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the app starts (default on).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

/// <summary>Bound from the "Storage" section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The folder the document store writes to. Relative paths are under the content root.</summary>
    [Required]
    public string Root { get; set; } = "data/documents";
}
