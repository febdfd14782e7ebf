using System.ComponentModel.DataAnnotations;

namespace SecopPortal.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite = 1,
    Postgres = 2,
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
