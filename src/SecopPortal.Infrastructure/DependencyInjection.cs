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
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new OptionsValidationException(DatabaseOptions.SectionName, typeof(DatabaseOptions), ["Database:Provider is Postgres but ConnectionStrings:Portal is empty."]);
                }

                builder.UseNpgsql(WithoutPoolReset(connectionString));
                break;
            default:
                throw new OptionsValidationException(DatabaseOptions.SectionName, typeof(DatabaseOptions), [$"Unknown Database:Provider '{provider}'. Use Sqlite or Postgres."]);
        }

        // Migrations are written by hand and checked by a schema-equality test instead of a model snapshot.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>
    /// EF opens and closes the connection around every statement; by default Npgsql then sends <c>DISCARD ALL</c>
    /// each time a pooled connection comes back, doubling the round trips of a page. The portal keeps no session
    /// state on a connection (no SET, temp tables or prepared statements of its own), so the reset is turned off
    /// unless the connection string says otherwise.
    /// </summary>
    public static string WithoutPoolReset(string connectionString)
    {
        // NpgsqlConnectionStringBuilder knows every keyword, so ask a plain builder what the string itself says.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("No Reset On Close") || given.ContainsKey("NoResetOnClose"))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
    }

    public static string DefaultSqliteConnectionString(string contentRoot)
    {
        var folder = Path.Combine(contentRoot, "data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "secopportal.db")}";
    }
}
