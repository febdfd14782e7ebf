using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Npgsql;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Persistence;

/// <summary>
/// The hand-written migrations must build exactly the schema the model describes. Each case migrates one fresh
/// database and lets EnsureCreated build another from the model, then compares the two catalogs.
/// </summary>
public sealed class SchemaTests
{
    internal static readonly string[] ExpectedTables =
    [
        "AspNetRoles", "AspNetUsers", "AspNetRoleClaims", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserRoles",
        "AspNetUserTokens", "PublicEntities", "Contracts", "ExecutionDocuments", "PaymentRequests",
        "PaymentRequestAttachments", "PaymentRequestTransitions", "AuditEntries",
    ];

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Migrations_build_the_schema_the_model_expects(TestDatabase database)
    {
        await using var databases = new ScratchDatabases(database);
        var migratedConnection = await databases.CreateAsync("migrated");
        var createdConnection = await databases.CreateAsync("created");

        await WithContextAsync(database.ToString(), migratedConnection, db => db.Database.MigrateAsync());
        await WithContextAsync(database.ToString(), createdConnection, db => db.Database.EnsureCreatedAsync());

        var fromModel = await ReadSchemaAsync(database, createdConnection);
        var fromMigrations = await ReadSchemaAsync(database, migratedConnection);

        // Guard against a reader that sees nothing (two empty schemas are equal too).
        Assert.All(ExpectedTables, table => Assert.Contains($"table {table}", fromModel.Keys));
        var differences = Describe(fromModel, fromMigrations);
        Assert.True(differences.Length == 0,
            $"The schema the migrations build on {database} differs from the one EnsureCreated builds from the model.{Environment.NewLine}{differences}");
    }

    /// <summary>Resolves the DbContext from the portal's own registrations, so Identity's store options apply as in the app.</summary>
    internal static async Task WithContextAsync(string databaseProvider, string connectionString, Func<PortalDbContext, Task> action)
    {
        var contentRoot = Path.GetTempPath();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = databaseProvider,
                ["ConnectionStrings:Portal"] = connectionString,
            })
            .Build();
        var environment = Mock.Of<IWebHostEnvironment>(e => e.ContentRootPath == contentRoot && e.EnvironmentName == "Testing");
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPortal(configuration, environment);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    private static async Task<SortedDictionary<string, string>> ReadSchemaAsync(TestDatabase database, string connectionString)
    {
        if (database == TestDatabase.Sqlite)
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            return await ReadSqliteSchemaAsync(connection);
        }

        await using var npgsql = new NpgsqlConnection(connectionString);
        await npgsql.OpenAsync();
        return await ReadPostgresSchemaAsync(npgsql);
    }

    // EF's own bookkeeping (__EFMigrationsHistory; SQLite's __EFMigrationsLock) is excluded by the readers.

    /// <summary>Keys name an element ("column Contracts.Number"), values describe it; column order is ignored.</summary>
    private static async Task<SortedDictionary<string, string>> ReadSqliteSchemaAsync(SqliteConnection connection)
    {
        var schema = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var tables = await QueryAsync(connection,
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')");
        foreach (var table in tables)
        {
            var name = (string)table[0]!;
            var sql = (string)table[1]!;
            schema[$"table {name}"] = sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase) ? "AUTOINCREMENT key" : "plain key";

            // table_xinfo, unlike table_info, lists generated columns too (hidden 2 = virtual, 3 = stored).
            var columns = await QueryAsync(connection, "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo($t)", name);
            foreach (var column in columns)
            {
                var nullability = Convert.ToInt64(column[2], CultureInfo.InvariantCulture) == 1 ? "NOT NULL" : "NULL";
                var value = $"{column[1]} {nullability}";
                if (column[3] is not null)
                {
                    value += $" DEFAULT {column[3]}";
                }

                value += Convert.ToInt64(column[5], CultureInfo.InvariantCulture) switch
                {
                    2 => " GENERATED VIRTUAL",
                    3 => " GENERATED STORED",
                    _ => string.Empty,
                };

                schema[$"column {name}.{column[0]}"] = value;
            }

            var key = columns.Where(c => Convert.ToInt64(c[4], CultureInfo.InvariantCulture) > 0)
                .OrderBy(c => Convert.ToInt64(c[4], CultureInfo.InvariantCulture))
                .Select(c => (string)c[0]!);
            schema[$"primary key {name}"] = $"({string.Join(", ", key)})";

            foreach (var index in await QueryAsync(connection, "SELECT name, \"unique\", partial FROM pragma_index_list($t)", name))
            {
                var indexName = (string)index[0]!;
                var indexColumns = await QueryAsync(connection,
                    "SELECT name, \"desc\" FROM pragma_index_xinfo($t) WHERE key = 1 ORDER BY seqno", indexName);
                var value = Convert.ToInt64(index[1], CultureInfo.InvariantCulture) == 1 ? "UNIQUE " : string.Empty;
                value += $"({string.Join(", ", indexColumns.Select(c => Convert.ToInt64(c[1], CultureInfo.InvariantCulture) == 1 ? $"{c[0]} DESC" : (string)c[0]!))})";
                if (Convert.ToInt64(index[2], CultureInfo.InvariantCulture) == 1)
                {
                    var indexSql = (string?)(await QueryAsync(connection, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $t", indexName)).Single()[0];
                    var where = indexSql?.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase) ?? -1;
                    value += where >= 0 ? indexSql![where..] : " WHERE ?";
                }

                schema[$"index {name}.{indexName}"] = value;
            }

            var foreignKeys = await QueryAsync(connection,
                "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list($t) ORDER BY id, seq", name);
            foreach (var foreignKey in foreignKeys.GroupBy(f => Convert.ToInt64(f[0], CultureInfo.InvariantCulture)))
            {
                var first = foreignKey.First();
                var from = string.Join(", ", foreignKey.Select(f => f[2]));
                var to = string.Join(", ", foreignKey.Select(f => f[3]));
                schema[$"foreign key {name}({from}) -> {first[1]}({to})"] = $"ON DELETE {first[5]} ON UPDATE {first[4]}";
            }
        }

        return schema;
    }

    private static async Task<SortedDictionary<string, string>> ReadPostgresSchemaAsync(NpgsqlConnection connection)
    {
        var schema = new SortedDictionary<string, string>(StringComparer.Ordinal);
        const string History = "__EFMigrationsHistory";

        foreach (var table in await QueryAsync(connection,
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> $1", History))
        {
            schema[$"table {table[0]}"] = "exists";
        }

        var columns = await QueryAsync(connection,
            """
            SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale,
                   is_nullable, column_default, is_identity, identity_generation, collation_name, generation_expression
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> $1
            """,
            History);
        foreach (var column in columns)
        {
            var value = new StringBuilder((string)column[2]!);
            if (column[3] is not null)
            {
                value.Append(CultureInfo.InvariantCulture, $"({column[3]})");
            }
            else if ((string)column[2]! == "numeric" && column[4] is not null)
            {
                value.Append(CultureInfo.InvariantCulture, $"({column[4]},{column[5]})");
            }

            value.Append((string)column[6]! == "YES" ? " NULL" : " NOT NULL");
            if (column[7] is not null)
            {
                value.Append(CultureInfo.InvariantCulture, $" DEFAULT {column[7]}");
            }

            if ((string?)column[8] == "YES")
            {
                value.Append(CultureInfo.InvariantCulture, $" GENERATED {column[9]} AS IDENTITY");
            }

            if (column[10] is not null)
            {
                value.Append(CultureInfo.InvariantCulture, $" COLLATE {column[10]}");
            }

            if (column[11] is not null)
            {
                value.Append(CultureInfo.InvariantCulture, $" GENERATED ALWAYS AS ({column[11]}) STORED");
            }

            schema[$"column {column[0]}.{column[1]}"] = value.ToString();
        }

        // Primary keys, foreign keys (columns, principal, ON DELETE), unique and check constraints, by name.
        var constraints = await QueryAsync(connection,
            """
            SELECT t.relname, c.conname, c.contype::text, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND t.relname <> $1 AND c.contype IN ('p', 'f', 'u', 'c', 'x')
            """,
            History);
        foreach (var constraint in constraints)
        {
            var kind = (string)constraint[2]! switch
            {
                "p" => "primary key",
                "f" => "foreign key",
                "u" => "unique constraint",
                "c" => "check constraint",
                _ => "exclusion constraint",
            };
            schema[$"{kind} {constraint[0]}.{constraint[1]}"] = (string)constraint[3]!;
        }

        // indexdef carries uniqueness, the columns in order, the method and the filter.
        foreach (var index in await QueryAsync(connection,
                     "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> $1", History))
        {
            schema[$"index {index[0]}.{index[1]}"] = (string)index[2]!;
        }

        return schema;
    }

    private static async Task<List<object?[]>> QueryAsync(DbConnection connection, string sql, params object[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = connection is SqliteConnection ? "$t" : string.Empty;
            parameter.Value = parameters[i];
            command.Parameters.Add(parameter);
        }

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = await reader.IsDBNullAsync(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    internal static string Describe(SortedDictionary<string, string> fromModel, SortedDictionary<string, string> fromMigrations)
    {
        var report = new StringBuilder();
        var missing = fromModel.Keys.Where(k => !fromMigrations.ContainsKey(k)).ToList();
        var extra = fromMigrations.Keys.Where(k => !fromModel.ContainsKey(k)).ToList();
        var changed = fromModel.Keys.Where(k => fromMigrations.TryGetValue(k, out var v) && v != fromModel[k]).ToList();
        if (missing.Count > 0)
        {
            report.AppendLine("In the model but not built by the migrations (write a migration that adds it):");
            missing.ForEach(k => report.AppendLine(CultureInfo.InvariantCulture, $"  + {k}: {fromModel[k]}"));
        }

        if (extra.Count > 0)
        {
            report.AppendLine("Built by the migrations but not in the model (write a migration that removes it, or restore the model):");
            extra.ForEach(k => report.AppendLine(CultureInfo.InvariantCulture, $"  - {k}: {fromMigrations[k]}"));
        }

        if (changed.Count > 0)
        {
            report.AppendLine("Different (write a migration that alters it):");
            foreach (var k in changed)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"  ~ {k}");
                report.AppendLine(CultureInfo.InvariantCulture, $"      model:      {fromModel[k]}");
                report.AppendLine(CultureInfo.InvariantCulture, $"      migrations: {fromMigrations[k]}");
            }
        }

        return report.ToString();
    }

    /// <summary>Fresh, empty databases for one test, deleted afterwards: SQLite files or PostgreSQL databases.</summary>
    private sealed class ScratchDatabases(TestDatabase database) : IAsyncDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), $"secopportal-schema-{Guid.NewGuid():N}");
        private readonly PostgresServer? _postgres = database == TestDatabase.Postgres ? new PostgresServer() : null;
        private readonly List<string> _sqliteConnectionStrings = [];

        public async Task<string> CreateAsync(string name)
        {
            if (_postgres is not null)
            {
                return await _postgres.CreateDatabaseAsync();
            }

            Directory.CreateDirectory(_folder);
            var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, $"{name}.db") }.ConnectionString;
            _sqliteConnectionStrings.Add(connectionString);
            return connectionString;
        }

        public async ValueTask DisposeAsync()
        {
            if (_postgres is not null)
            {
                await _postgres.DisposeAsync();
            }

            foreach (var connectionString in _sqliteConnectionStrings)
            {
                using var connection = new SqliteConnection(connectionString);
                SqliteConnection.ClearPool(connection);
            }

            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }
}

/// <summary>The portal started on a migrated database: the demo seed goes in and the health check answers.</summary>
public abstract class MigratedPortalTests(PortalFixture fixture)
{
    private const string InitialMigration = "20261121000000_Initial";
    private const string ContractWithEarlierPayments = "CO1.PCCNTR.7034218";

    private static readonly string[] DemoContractNumbers =
        ["CO1.PCCNTR.7120451", ContractWithEarlierPayments, "CO1.PCCNTR.6518877", "CO1.PCCNTR.7098832", "CO1.PCCNTR.7150093"];

    [Fact]
    public async Task Health_answers_200_once_the_database_is_migrated()
    {
        using var client = fixture.Factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Start_up_migrates_the_database_and_seeds_the_demo_data()
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        Assert.Equal(fixture.Database == TestDatabase.Postgres, db.Database.IsNpgsql());
        // PostgreSQL's connection string gains only the portal's Npgsql defaults (DependencyInjection.WithPortalDefaults).
        var expected = fixture.Database == TestDatabase.Postgres
            ? SecopPortal.Infrastructure.DependencyInjection.WithPortalDefaults(fixture.Factory.ConnectionString)
            : fixture.Factory.ConnectionString;
        Assert.Equal(expected, db.Database.GetConnectionString());
        Assert.Contains(InitialMigration, await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // The collection's other tests add their own rows, so the demo data is looked up, not counted.
        var emails = await db.Users.Select(u => u.Email!).ToListAsync();
        Assert.All(DemoAccounts.All, account => Assert.Contains(account.Email, emails));
        var roles = await db.Roles.Select(r => r.Name!).ToListAsync();
        Assert.All(PortalRoles.All, role => Assert.Contains(role, roles));
        var contracts = await db.Contracts.Select(c => c.Number).ToListAsync();
        Assert.All(DemoContractNumbers, number => Assert.Contains(number, contracts));
        var runningId = await db.Contracts.Where(c => c.Number == ContractWithEarlierPayments).Select(c => c.Id).SingleAsync();
        var payments = await db.PaymentRequests.Include(p => p.Attachments).Include(p => p.History)
            .Where(p => p.ContractId == runningId && p.Sequence <= 2).ToListAsync();
        Assert.Equal([1, 2], payments.Select(p => p.Sequence).Order());
        Assert.All(payments, p => Assert.NotEmpty(p.Attachments));
        Assert.All(payments, p => Assert.NotEmpty(p.History));
    }

    [Fact]
    public async Task Every_demo_account_signs_in()
    {
        foreach (var account in DemoAccounts.All)
        {
            using var client = await fixture.Factory.SignedInAsync(account);

            // The session cookie opens a page only signed-in users see.
            await PortalHttp.GetPageAsync(client, "/cuenta/cambiar-contrasena");
        }
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteMigratedPortalTests(SqlitePortalFixture fixture) : MigratedPortalTests(fixture);

[Collection(PostgresPortal.Name)]
public sealed class PostgresMigratedPortalTests(PostgresPortalFixture fixture) : MigratedPortalTests(fixture);
