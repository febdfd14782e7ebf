using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;

namespace SecopPortal.Infrastructure.Persistence;

/// <summary>
/// The lock one instance holds while it migrates the database and seeds it, so instances started together take turns
/// instead of creating the same tables or roles at once. EF's own migration lock covers neither the seed nor, on
/// PostgreSQL, two first migrations racing (the probe: <c>42P07 relation "Notifications" already exists</c>).
/// <list type="bullet">
/// <item>PostgreSQL: a session-level advisory lock on a connection of its own (not pooled, so its end releases the
/// lock even if the unlock is never sent), never a transaction-level one across EF's transactions.</item>
/// <item>SQLite: a lock file beside the database file opened with <see cref="FileShare.None"/> (one machine only, as
/// the file is); an in-memory database is one process's and needs none.</item>
/// <item>SQL Server: <c>sp_getapplock</c> owned by the session. Written, not tested: no SQL Server runs here (ADR 0004).</item>
/// </list>
/// Each is tried every <see cref="RetryInterval"/>, logging once that it waits, so no command timeout cuts a long wait short.
/// </summary>
public static partial class DatabaseStartLock
{
    /// <summary>The advisory lock's key on PostgreSQL ("SECOP" and a 1).</summary>
    public const long PostgresKey = 0x5345_434F_5000_0001;

    /// <summary>The application lock's resource on SQL Server.</summary>
    public const string SqlServerResource = "SecopPortal.DatabaseStart";

    public static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Waits until no other instance prepares this database; dispose the result to let the next one in.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(DatabaseFacade database, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(logger);
        var connectionString = database.GetConnectionString() ?? string.Empty;
        switch (DatabaseProviderNames.Of(database.ProviderName))
        {
            case DatabaseProvider.Sqlite:
                var lockFile = LockFileOf(connectionString);
                return lockFile is null
                    ? NoLock.Instance
                    : await RetryAsync(() => TryOpenLockFile(lockFile), logger, cancellationToken);
            case DatabaseProvider.Postgres:
                return await SessionLock.AcquireAsync(
                    database, connectionString, logger,
                    $"SELECT pg_try_advisory_lock({PostgresKey})",
                    $"SELECT pg_advisory_unlock({PostgresKey})",
                    cancellationToken);
            case DatabaseProvider.SqlServer:
                return await SessionLock.AcquireAsync(
                    database, connectionString, logger,
                    $"DECLARE @result int; EXEC @result = sp_getapplock @Resource = N'{SqlServerResource}', @LockMode = 'Exclusive', " +
                    "@LockOwner = 'Session', @LockTimeout = 0; SELECT CASE WHEN @result >= 0 THEN 1 ELSE 0 END",
                    $"EXEC sp_releaseapplock @Resource = N'{SqlServerResource}', @LockOwner = 'Session'",
                    cancellationToken);
            default:
                throw new NotSupportedException($"No start-up lock for {database.ProviderName}.");
        }
    }

    /// <summary>The lock file of a SQLite database (<c>portal.db</c> → <c>portal.db.start-lock</c>), or null for an in-memory one.</summary>
    public static string? LockFileOf(string sqliteConnectionString)
    {
        var builder = new SqliteConnectionStringBuilder(sqliteConnectionString);
        var dataSource = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
        {
            return null;
        }

        if (dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            dataSource = new Uri(dataSource).LocalPath;
        }

        return Path.GetFullPath(dataSource) + ".start-lock";
    }

    private static FileStream? TryOpenLockFile(string path)
    {
        try
        {
            // On Linux and macOS FileShare.None is an flock(LOCK_EX), released by the system when the process ends.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task<IAsyncDisposable> RetryAsync(Func<IAsyncDisposable?> tryAcquire, ILogger logger, CancellationToken cancellationToken)
    {
        var waiting = false;
        while (true)
        {
            var acquired = tryAcquire();
            if (acquired is not null)
            {
                if (waiting)
                {
                    LogAcquired(logger);
                }

                return acquired;
            }

            if (!waiting)
            {
                waiting = true;
                LogWaiting(logger);
            }

            await Task.Delay(RetryInterval, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for another instance to finish migrating and seeding the database…")]
    private static partial void LogWaiting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "The other instance has finished; this one prepares the database now.")]
    private static partial void LogAcquired(ILogger logger);

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>A lock owned by a database session: its own unpooled connection, held open until disposed.</summary>
    private sealed class SessionLock(DbConnection connection, string releaseSql) : IAsyncDisposable
    {
        public static async Task<IAsyncDisposable> AcquireAsync(
            DatabaseFacade database, string connectionString, ILogger logger, string tryLockSql, string releaseSql, CancellationToken cancellationToken)
        {
            var factory = DbProviderFactories.GetFactory(database.GetDbConnection())
                ?? throw new NotSupportedException($"No connection factory for {database.ProviderName}.");
            var builder = factory.CreateConnectionStringBuilder() ?? new DbConnectionStringBuilder();
            builder.ConnectionString = connectionString;
            builder["Pooling"] = false;
            var connection = factory.CreateConnection() ?? throw new NotSupportedException($"No connection for {database.ProviderName}.");
            connection.ConnectionString = builder.ConnectionString;
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using var tryLock = connection.CreateCommand();
                tryLock.CommandText = tryLockSql;
                return await RetryAsync(
                    () => Convert.ToBoolean(tryLock.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ? new SessionLock(connection, releaseSql) : null,
                    logger,
                    cancellationToken);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var release = connection.CreateCommand();
                release.CommandText = releaseSql;
                await release.ExecuteNonQueryAsync();
            }
            finally
            {
                // Unpooled: closing ends the session, which releases a lock the statement above could not.
                await connection.DisposeAsync();
            }
        }
    }
}
