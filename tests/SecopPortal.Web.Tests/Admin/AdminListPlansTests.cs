using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Features.Admin;
using SecopPortal.Web.Features.Audit;
using SecopPortal.Web.Features.Contracts;
using SecopPortal.Web.Features.PublicContracts;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SecopPortal.Web.Tests.Admin;

/// <summary>
/// Every statement the admin lists send can be answered from an index, in the index's order: PostgreSQL, told not
/// to scan tables or sort (enable_seqscan, enable_bitmapscan and enable_sort off), plans no sequential scan of the big tables and no Sort for any of them. A
/// search that needed a whole-table scan or sort (a missing index, a collation that breaks the prefix range, an
/// ORDER BY that no index matches) fails here, on a small database, long before it meets 2 million contracts.
/// </summary>
[Collection(PostgresPortal.Name)]
public sealed partial class AdminListPlansTests(PostgresPortalFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] BigTables =
        ["AspNetUsers", "AspNetUserRoles", "PublicEntities", "Contracts", "PaymentRequests", "PaymentRequestTransitions", "ExecutionDocuments", "AuditEntries"];

    [Fact]
    public async Task Every_search_and_page_of_the_admin_lists_reads_an_index_in_its_order()
    {
        var capture = new StatementCapture();
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DependencyInjection.ConfigureProvider(options, DatabaseProvider.Postgres, fixture.Factory.ConnectionString, Path.GetTempPath());
        options.AddInterceptors(capture);
        await using (var db = new PortalDbContext(options.Options))
        {
            var now = DateTimeOffset.UtcNow;
            var entities = new EntityListQuery(db);
            var users = new UserListQuery(db);
            var contracts = new ContractListQuery(db);
            var none = PageRequest.First;

            var entityPage = await entities.RunAsync(null, none, default);
            await entities.RunAsync(null, new PageRequest(entityPage.Page.NextCursor ?? Token("1", "alcaldia"), null), default);
            await entities.RunAsync("alcaldia mun", none, default);
            await entities.RunAsync("891480085", none, default);
            await entities.RunAsync("8914800857", none, default);

            foreach (var role in new string?[] { null, PortalRoles.Contractor })
            {
                var all = await users.RunAsync(null, null, role, none, now, default);
                await users.RunAsync(null, null, role, new PageRequest(all.Page.NextCursor ?? Token(Guid.Empty.ToString(), "laura"), null), now, default);
                await users.RunAsync("maria fer", UserSearchKind.Name, role, none, now, default);
                await users.RunAsync("contratista2@", UserSearchKind.Email, role, none, now, default);
                await users.RunAsync("1032", UserSearchKind.Document, role, none, now, default);
            }

            var every = await contracts.AllAsync(new ContractFilter(), none, default);
            var after = every.Keyset!.NextCursor ?? Token("3", "01/01/2026");
            await contracts.AllAsync(new ContractFilter(), new PageRequest(after, null), default);
            await contracts.AllAsync(new ContractFilter(), new PageRequest(null, after), default);
            await contracts.AllAsync(new ContractFilter(Status: ContractStatus.InExecution), none, default);
            await contracts.AllAsync(new ContractFilter(EntityId: 1), none, default);
            await contracts.AllAsync(new ContractFilter(NumberPrefix: "CO1.PCCNTR.71"), none, default);
            await new AdminContractListQuery(db, contracts).RunAsync("891480085-7", null, null, none, default);

            // The public record: its search (number, NIT, entity and contractor names, with and without a state, next
            // pages) and a contract's public page (head with the ETag's versions, public Plan de pagos, documents).
            var search = new PublicContractSearch(new AdminContractListQuery(db, contracts), contracts);
            await search.RunAsync("CO1.PCCNTR.7034218", PublicSearchKind.None, null, none, default);
            await search.RunAsync("891480085", PublicSearchKind.None, ContractStatus.InExecution, none, default);
            foreach (var status in new ContractStatus?[] { null, ContractStatus.InExecution })
            {
                await search.RunAsync("alcaldia de", PublicSearchKind.EntityName, status, none, default);
                await search.RunAsync("alcaldia de", PublicSearchKind.EntityName, status, new PageRequest(Token("3", "alcaldia de bogota"), null), default);
                await search.RunAsync("juan carlos", PublicSearchKind.ContractorName, status, none, default);
                await search.RunAsync("juan carlos", PublicSearchKind.ContractorName, status, new PageRequest(Token("3", "juan carlos perez"), null), default);
                await search.RunAsync("juan carlos", PublicSearchKind.ContractorName, status, new PageRequest(null, Token("3", "juan carlos perez")), default);
            }

            var publicPage = new PublicContractQuery(db);
            var head = await publicPage.FindHeadAsync(await db.Contracts.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(), default);
            await publicPage.RunAsync(head!.Contract, default);

            // Auditoría (ADR 0020): every filter alone and combined, its first page and the pages after and before a
            // row; the filters' own look-ups (an e-mail, a contract number).
            var audit = new AuditLogQuery(db);
            var someone = await db.Users.OrderBy(u => u.NormalizedEmail).Select(u => u.Email!).FirstAsync();
            var someContract = await db.Contracts.OrderBy(c => c.Id).Select(c => c.Number).FirstAsync();
            var auditCursor = Token("1", "2026-12-01T05:00:00.0000000Z");
            foreach (var input in new[]
                     {
                         new AuditFilterInput(),
                         new AuditFilterInput { Usuario = someone },
                         new AuditFilterInput { Usuario = someone[..4] + "zzzz" },
                         new AuditFilterInput { Usuario = someone, Como = "afectado" },
                         new AuditFilterInput { Contrato = someContract },
                         new AuditFilterInput { Tipo = "SignInFailed" },
                         new AuditFilterInput { Desde = "01/11/2026", Hasta = "30/11/2026" },
                         new AuditFilterInput { Usuario = someone, Contrato = someContract, Desde = "01/11/2026", Tipo = "PaymentRequestSent" },
                     })
            {
                var resolved = await audit.ResolveAsync(input, default);
                if (resolved.Errors.Count > 0)
                {
                    continue;
                }

                await audit.PageAsync(resolved.Filter, none, default);
                await audit.PageAsync(resolved.Filter, new PageRequest(auditCursor, null), default);
                await audit.PageAsync(resolved.Filter, new PageRequest(null, auditCursor), default);
            }
        }

        var statements = capture.Statements.Where(s => BigTables.Any(t => s.Sql.Contains($"\"{t}\"", StringComparison.Ordinal))).ToList();
        Assert.True(statements.Count >= 20, $"Expected the lists' statements, captured {statements.Count}.");
        var (problems, _) = await ExplainAsync(statements, BigTables);
        Assert.True(problems.Count == 0, $"These statements scan or sort a big table:{Environment.NewLine}{string.Join(Environment.NewLine + Environment.NewLine, problems)}");
    }

    /// <summary>
    /// The start-up sweep's question after a crash (ADR 0021), "which of these keys does a row reference?", reads the
    /// StorageKey indexes of both tables: at national size a scan of tens of millions of rows at every such start.
    /// </summary>
    [Fact]
    public async Task ReferencedDocumentKeys_FindReferenced_reads_the_StorageKey_indexes()
    {
        var capture = new StatementCapture();
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DependencyInjection.ConfigureProvider(options, DatabaseProvider.Postgres, fixture.Factory.ConnectionString, Path.GetTempPath());
        options.AddInterceptors(capture);
        await using (var db = new PortalDbContext(options.Options))
        {
            var known = await db.ExecutionDocuments.OrderBy(d => d.Id).Select(d => d.StorageKey).Take(3).ToListAsync();
            var asked = known.Concat(Enumerable.Range(0, 40).Select(i => $"2026/12/{Guid.NewGuid():N}-{i}.pdf")).ToList();
            capture.Statements.Clear();
            await new EfReferencedDocumentKeys(db).FindReferencedAsync(asked, default);
        }

        string[] tables = ["PaymentRequestAttachments", "ExecutionDocuments"];
        var statements = capture.Statements.Where(s => tables.Any(t => s.Sql.Contains($"\"{t}\"", StringComparison.Ordinal))).ToList();
        Assert.Equal(2, statements.Count);
        var (problems, plans) = await ExplainAsync(statements, tables);
        Assert.True(problems.Count == 0, $"These statements scan or sort:{Environment.NewLine}{string.Join(Environment.NewLine + Environment.NewLine, problems)}");
        Assert.Contains(plans, p => p.Contains("IX_PaymentRequestAttachments_StorageKey", StringComparison.Ordinal));
        Assert.Contains(plans, p => p.Contains("IX_ExecutionDocuments_StorageKey", StringComparison.Ordinal));
    }

    /// <summary>
    /// The statements whose plan, with table scans, bitmap scans and sorts off, still scans one of <paramref name="tables"/>
    /// or sorts, each with its plan; and every statement's plan.
    /// </summary>
    private async Task<(List<string> Problems, List<string> Plans)> ExplainAsync(IReadOnlyList<Statement> statements, IReadOnlyCollection<string> tables)
    {
        await using var connection = new NpgsqlConnection(fixture.Factory.ConnectionString);
        await connection.OpenAsync();
        // Off the table scans, bitmap scans and sorts: what stays in a plan has no index way around it.
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        var problems = new List<string>();
        var plans = new List<string>();
        foreach (var statement in statements)
        {
            await using var explain = new NpgsqlCommand("EXPLAIN " + statement.Sql, connection);
            foreach (var (name, value) in statement.Parameters)
            {
                explain.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
            }

            var plan = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    plan.Add(reader.GetString(0));
                }
            }

            var text = string.Join(Environment.NewLine, plan);
            plans.Add(text);
            output.WriteLine(statement.Sql);
            output.WriteLine(text);
            output.WriteLine(string.Empty);
            var scanned = tables.Where(t => text.Contains($"Seq Scan on \"{t}\"", StringComparison.Ordinal)).ToList();
            if (scanned.Count > 0 || plan.Any(line => SortNode().IsMatch(line)))
            {
                problems.Add($"{statement.Sql}{Environment.NewLine}{text}");
            }
        }

        return (problems, plans);
    }

    /// <summary>A cursor as the pager writes it (position, id, key), for when the data fits one page: the plan of the next page still counts.</summary>
    private static string Token(string id, string key) =>
        Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes($"21\n{id}\n{key}"));

    /// <summary>A Sort node ("Sort  (cost=…"), not an Incremental Sort over an index's order, nor a "Sort Key:" line.</summary>
    [GeneratedRegex(@"^\s*(->\s*)?Sort\s+\(")]
    private static partial Regex SortNode();

    private sealed record Statement(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

    private sealed class StatementCapture : DbCommandInterceptor
    {
        public List<Statement> Statements { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Statements.Add(new Statement(command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
