using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SecopPortal.Infrastructure.Auditing;

namespace SecopPortal.Bench;

/// <summary>
/// Fills the append-only <c>AuditEntries</c> (ADR 0020) up to a national size with set-based SQL, the only copy of
/// that SQL (<c>audit-load</c>, run by scripts/bench.sh and scripts/audit-probe.sh). The table keeps its indexes and
/// its append-only triggers: only INSERTs. Idempotent: when the table already holds <c>entries</c> rows (the
/// portal's own sign-ins of earlier runs count) nothing is inserted.
/// </summary>
/// <remarks>
/// 25 entries per contract by default (5,000,000 at 200,000 contracts, 50,000,000 at SECOP's 2,000,000): a contract
/// of ten monthly requests with four or five transitions each (Crear, Confirmar, Enviar, Aprobar, Pagado) plus its
/// own changes and its people's sign-ins is about fifty entries over its life; 25 is the log about a year into
/// the contracts' execution. Entry i (1..entries): an instant in two years ending a month before the loader was
/// written (the portal's real entries of a run are newer), one of every <see cref="AuditKind"/>, its actor one of the
/// data set's real users (a generic contractor or supervisor: id and e-mail as the bulk loader made them; the named
/// contractor of the benchmark on one entry in 10,000), a contract on six in ten (a real generic one; the big
/// contract on one in 10,000), a payment request on four in ten, the account affected (a generic contractor) on one
/// in ten, and a unique detail "Entrada de prueba i". Each value is a pure function of i.
/// </remarks>
public sealed class AuditLoader(string connectionString, DataShape shape, TextWriter log)
{
    public const int EntriesPerContract = 25;

    /// <summary>Loads what is missing; returns the table's count after, and the seconds spent loading (0 when nothing was).</summary>
    public async Task<(long Count, double Seconds)> EnsureAsync(long entries)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        long existing;
        await using (var c = await dataSource.OpenConnectionAsync())
        {
            existing = await Loader.ScalarAsync<long>(c, """SELECT count(*) FROM "AuditEntries";""");
        }

        if (existing >= entries)
        {
            await log.WriteLineAsync($"    audit: the table holds {existing:N0} entries (target {entries:N0}): nothing to load");
            return (existing, 0);
        }

        await log.WriteLineAsync($"    audit: the table holds {existing:N0} entries; inserting {entries - existing:N0} up to {entries:N0} (indexes and append-only triggers in place, two connections)");
        var watch = Stopwatch.StartNew();
        var middle = existing + ((entries - existing) / 2);
        await Task.WhenAll(
            InsertAsync(dataSource, existing + 1, middle, entries),
            InsertAsync(dataSource, middle + 1, entries, entries));
        await using (var c = await dataSource.OpenConnectionAsync())
        {
            // The bench cluster runs without autovacuum: the visibility map and statistics are the loader's job.
            await Loader.ExecAsync(c, """VACUUM (ANALYZE) "AuditEntries";""");
            var count = await Loader.ScalarAsync<long>(c, """SELECT count(*) FROM "AuditEntries";""");
            var size = await Loader.ScalarAsync<string>(c, """SELECT pg_size_pretty(pg_total_relation_size('"AuditEntries"'));""");
            await log.WriteLineAsync($"    audit: loaded in {watch.Elapsed.TotalSeconds:F1}s; {count:N0} entries, table and indexes {size}");
            return (count, Math.Round(watch.Elapsed.TotalSeconds, 1));
        }
    }

    private async Task InsertAsync(NpgsqlDataSource dataSource, long from, long to, long total)
    {
        if (from > to)
        {
            return;
        }

        await using var c = await dataSource.OpenConnectionAsync();
        await Loader.ExecAsync(c, "SET synchronous_commit = off; SET work_mem = '256MB';");
        await Loader.ExecAsync(c, Sql(from, to, total));
    }

    private string Sql(long from, long to, long total)
    {
        var kinds = "(ARRAY[" + string.Join(", ", AuditKinds.All.Select(k => $"'{k}'")) + "])";
        var users = (long)shape.Contractors + shape.Supervisors;
        var bigContract = shape.Contracts + 1;
        return string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO "AuditEntries" ("OccurredAtUtc", "Kind", "ActorId", "ActorEmail", "ClientAddress", "ContractId", "PaymentRequestId", "SubjectUserId", "Detail")
            SELECT timestamptz '2024-11-01 00:00:00+00' + (i * (interval '730 days' / {total})),
                   {kinds}[1 + h.kind % {AuditKinds.All.Count}],
                   CASE WHEN i % 10000 = 0 THEN '{NamedAccounts.ContractorId}'::uuid
                        WHEN h.actor <= {shape.Contractors} THEN md5('contractor:' || h.actor)::uuid
                        ELSE md5('supervisor:' || (h.actor - {shape.Contractors}))::uuid END,
                   CASE WHEN i % 10000 = 0 THEN '{NamedAccounts.ContractorEmail}'
                        WHEN h.actor <= {shape.Contractors} THEN 'contratista' || h.actor || '@correo.test'
                        ELSE 'supervisor' || (h.actor - {shape.Contractors}) || '@entidad'
                             || (1 + (h.actor - {shape.Contractors} - 1) % {shape.Entities}) || '.gov.co' END,
                   '10.' || (i % 250) || '.' || (i / 250 % 250) || '.7',
                   CASE WHEN i % 10000 = 5 THEN {bigContract}
                        WHEN i % 10 < 6 THEN 1 + h.contract % {shape.Contracts} END,
                   CASE WHEN i % 10 < 4 THEN 1 + h.request % {shape.Contracts * 10L} END,
                   CASE WHEN i % 10 = 9 THEN md5('contractor:' || (1 + h.subject % {shape.Contractors}))::uuid END,
                   'Entrada de prueba ' || i
            FROM generate_series({from}, {to}) AS i
            CROSS JOIN LATERAL (SELECT hashint8extended(i, 21) & 9223372036854775807 AS kind,
                                       1 + (hashint8extended(i, 22) & 9223372036854775807) % {users} AS actor,
                                       hashint8extended(i, 23) & 9223372036854775807 AS contract,
                                       hashint8extended(i, 24) & 9223372036854775807 AS request,
                                       hashint8extended(i, 25) & 9223372036854775807 AS subject) h;
            """);
    }
}
