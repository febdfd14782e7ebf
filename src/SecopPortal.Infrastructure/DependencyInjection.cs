using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the DbContext for the configured provider. With no connection string, SQLite uses a
    /// file in <c>data/</c> under <paramref name="contentRoot"/>, so a fresh checkout runs as is.
    /// </summary>
    public static IServiceCollection AddPortalPersistence(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName)).ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("Portal");
        // Pooled: a page's DbContext is reset and reused instead of built anew (its options and services once per app).
        services.AddDbContextPool<PortalDbContext>(builder => ConfigureProvider(builder, options.Provider, connectionString, contentRoot));
        return services;
    }

    public static void ConfigureProvider(DbContextOptionsBuilder builder, DatabaseProvider provider, string? connectionString, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(builder);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(string.IsNullOrWhiteSpace(connectionString) ? DefaultSqliteConnectionString(contentRoot) : connectionString);
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(WithPortalDefaults(RequiredConnectionString(provider, connectionString)));
                break;
            case DatabaseProvider.SqlServer:
                // No retrying execution strategy: the portal opens its own transactions (user administration, session
                // revocation), which a retrying strategy refuses unless each is wrapped in it.
                builder.UseSqlServer(RequiredConnectionString(provider, connectionString));
                break;
            default:
                throw new OptionsValidationException(DatabaseOptions.SectionName, typeof(DatabaseOptions), [$"Unknown Database:Provider '{provider}'. Use Sqlite, Postgres or SqlServer."]);
        }

        // Migrations are written by hand and checked by a schema-equality test instead of a model snapshot.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    private static string RequiredConnectionString(DatabaseProvider provider, string? connectionString) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new OptionsValidationException(DatabaseOptions.SectionName, typeof(DatabaseOptions), [$"Database:Provider is {provider} but ConnectionStrings:Portal is empty."])
            : connectionString;

    /// <summary>
    /// Npgsql settings the portal's way of using PostgreSQL calls for, each applied only when the connection string
    /// does not set it itself:
    /// <list type="bullet">
    /// <item><c>No Reset On Close=true</c>: EF opens and closes the connection around every statement, and by
    /// default Npgsql then sends <c>DISCARD ALL</c> each time a pooled connection comes back, doubling a page's round
    /// trips. The portal keeps no session state on a connection (no SET or temporary tables).</item>
    /// <item><c>Max Auto Prepare=64</c>: a statement run a few times on a connection is prepared on the server, so
    /// PostgreSQL stops parsing and planning the same few dozen statements on every page. In the benchmark the
    /// planning cost more than the reads themselves (contract detail 314 → 585 requests/s). A pooler in front of
    /// PostgreSQL must keep prepared statements per connection (PgBouncer ≥ 1.21 with max_prepared_statements, or
    /// session mode), or the connection string sets <c>Max Auto Prepare=0</c>.</item>
    /// </list>
    /// </summary>
    public static string WithPortalDefaults(string connectionString)
    {
        // NpgsqlConnectionStringBuilder knows every keyword, so ask a plain builder what the string itself says.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var changed = false;
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
            changed = true;
        }

        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
            changed = true;
        }

        return changed ? builder.ConnectionString : connectionString;
    }

    /// <summary>How many statements each connection keeps prepared (the portal's hot ones are about thirty).</summary>
    public const int AutoPreparedStatements = 64;

    public static string DefaultSqliteConnectionString(string contentRoot)
    {
        var folder = Path.Combine(contentRoot, "data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "secopportal.db")}";
    }
}
