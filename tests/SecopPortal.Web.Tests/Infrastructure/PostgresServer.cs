using Npgsql;

namespace SecopPortal.Web.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests run against, given by <c>SECOPPORTAL_TEST_POSTGRES</c> (an admin connection
/// string; <c>./scripts/test.sh</c> starts a throwaway server and sets it). Every database it creates has a fresh
/// name and is dropped when this object is disposed.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string EnvironmentVariable = "SECOPPORTAL_TEST_POSTGRES";

    private readonly List<string> _databases = [];

    /// <summary>The admin connection string; throws, with what to do, when the variable is not set.</summary>
    public static string AdminConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value;
            }

            throw new InvalidOperationException(
                string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
                    ? $"This test needs PostgreSQL and {EnvironmentVariable} is not set. Run ./scripts/test.sh, which starts a " +
                      $"throwaway PostgreSQL server and sets it, or set {EnvironmentVariable} to an admin connection string " +
                      "(e.g. Host=127.0.0.1;Port=5433;Username=postgres;Password=postgres;Database=postgres)."
                    : $"{EnvironmentVariable} is not set on CI: the pipeline must run the tests through ./scripts/test.sh, " +
                      "which starts a throwaway PostgreSQL server and sets it. PostgreSQL tests are never skipped.");
        }
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var admin = AdminConnectionString;
        var name = $"secop_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        string[] names;
        lock (_databases)
        {
            names = [.. _databases];
            _databases.Clear();
        }

        if (names.Length == 0)
        {
            return;
        }

        var admin = AdminConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        foreach (var name in names)
        {
            // The app's pooled connections to it would only fail later; WITH (FORCE) ends any still open.
            await using (var pooled = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }
    }
}
