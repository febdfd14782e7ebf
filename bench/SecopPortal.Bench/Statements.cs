using Npgsql;

namespace SecopPortal.Bench;

/// <summary>Statements per page, and the page's heaviest statements.</summary>
public sealed record StatementCount(double PerPage, double DiscardAllPerPage);

public sealed record TopStatement(string Query, long Calls, double TotalMs, double MeanMs, long Rows);

/// <summary>
/// Reads pg_stat_statements for the portal's own role in the portal's database (the benchmark and the baseline
/// connect as another role, so their statements never count).
/// </summary>
public sealed class Statements(string connectionString, string portalRole)
{
    public async Task ResetAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_stat_statements_reset();", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Calls since the last reset divided by <paramref name="requests"/>; DISCARD ALL (Npgsql's pool reset) apart.</summary>
    public async Task<StatementCount> CountAsync(int requests)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT coalesce(sum(calls) FILTER (WHERE query <> 'DISCARD ALL'), 0)::bigint,
                   coalesce(sum(calls) FILTER (WHERE query = 'DISCARD ALL'), 0)::bigint
            FROM pg_stat_statements
            WHERE userid = @role::regrole AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, connection);
        command.Parameters.AddWithValue("role", portalRole);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new StatementCount((double)reader.GetInt64(0) / requests, (double)reader.GetInt64(1) / requests);
    }

    public async Task<IReadOnlyList<TopStatement>> TopAsync(int limit)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT query, calls, total_exec_time, mean_exec_time, rows
            FROM pg_stat_statements
            WHERE userid = @role::regrole AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time DESC
            LIMIT @limit
            """, connection);
        command.Parameters.AddWithValue("role", portalRole);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync();
        var top = new List<TopStatement>();
        while (await reader.ReadAsync())
        {
            top.Add(new TopStatement(reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetInt64(4)));
        }

        return top;
    }

    /// <summary>
    /// Waits (at most a minute) until no statement runs in the database any more: a wrk run leaves requests in
    /// flight on the server, and they must not eat into the next run (portal and baseline alternate).
    /// </summary>
    public async Task SettleAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()
            """, connection);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((long)(await command.ExecuteScalarAsync())! > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        await Task.Delay(500);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
