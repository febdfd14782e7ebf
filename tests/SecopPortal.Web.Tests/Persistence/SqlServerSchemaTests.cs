using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using Xunit.Abstractions;

namespace SecopPortal.Web.Tests.Persistence;

/// <summary>
/// SQL Server cannot run on these machines, so its schema is checked offline (ADR 0004): the SQL Server provider with
/// a connection string that is never opened. The operations the migrations perform on SQL Server and the operations
/// that would create the current model from nothing are each folded into a description of the resulting schema, and
/// the two are compared as <see cref="SchemaTests"/> compares the catalogs of real databases. Both SQL scripts are
/// generated too, and left in the artifacts folder for review. What this cannot prove is that a SQL Server accepts
/// and runs them.
/// </summary>
public sealed partial class SqlServerSchemaTests(ITestOutputHelper output)
{
    /// <summary>Never opened: nothing here talks to a server.</summary>
    private const string NeverOpened = "Server=sqlserver.invalid;Database=secopportal;User Id=portal;Password=never-used;Encrypt=True";

    [Fact]
    public async Task Migrations_build_the_schema_the_model_expects_on_SQL_Server()
    {
        await WithSqlServerContextAsync(db =>
        {
            var fromMigrations = Fold(MigrationOperations(db), db, withModel: false);
            var fromModel = Fold(ModelOperations(db), db, withModel: true);

            Assert.All(SchemaTests.ExpectedTables, table => Assert.Contains($"table {table}", fromModel.Keys));
            var differences = SchemaTests.Describe(fromModel, fromMigrations);
            output.WriteLine($"Compared {fromModel.Count} schema items from the model with {fromMigrations.Count} from the migrations.");
            Assert.True(differences.Length == 0,
                $"The schema the migrations build on SQL Server differs from the one the model describes.{Environment.NewLine}{differences}");
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task The_SQL_Server_scripts_generate_and_say_nothing_in_another_dialect()
    {
        await WithSqlServerContextAsync(db =>
        {
            var migrationScript = db.GetService<IMigrator>().GenerateScript();
            var modelScript = db.Database.GenerateCreateScript();
            KeepForReview("sqlserver-migrations.sql", migrationScript);
            KeepForReview("sqlserver-model.sql", modelScript);

            // A statement per table and index, at least; the scripts are not empty shells.
            Assert.All(SchemaTests.ExpectedTables, table => Assert.Contains($"CREATE TABLE [{table}]", migrationScript, StringComparison.Ordinal));
            Assert.Contains("IDENTITY", migrationScript, StringComparison.Ordinal);
            Assert.Contains("PERSISTED", migrationScript, StringComparison.Ordinal);
            Assert.Contains($"COLLATE {SearchColumns.SqlServerCollation}", migrationScript, StringComparison.Ordinal);
            Assert.Contains("CREATE TRIGGER [AuditEntries_append_only] ON [AuditEntries] INSTEAD OF UPDATE, DELETE", migrationScript, StringComparison.Ordinal);

            var foreign = OtherDialects().Matches(migrationScript).Select(m => m.Value).Distinct().ToList();
            Assert.True(foreign.Count == 0, $"The SQL Server migration script contains SQLite or PostgreSQL text: {string.Join(", ", foreign)}");
            return Task.CompletedTask;
        });
    }

    /// <summary>SQL Server refuses a foreign key that gives a table two cascading paths from another, or a cascading cycle.</summary>
    [Fact]
    public async Task No_table_is_reached_by_two_cascading_paths()
    {
        await WithSqlServerContextAsync(db =>
        {
            var operations = ModelOperations(db);
            var cascading = operations.OfType<CreateTableOperation>().SelectMany(t => t.ForeignKeys)
                .Concat(operations.OfType<AddForeignKeyOperation>())
                .Where(f => f.OnDelete is ReferentialAction.Cascade or ReferentialAction.SetNull or ReferentialAction.SetDefault)
                .ToLookup(f => f.PrincipalTable, f => f.Table);
            Assert.NotEmpty(cascading);

            var problems = new List<string>();
            foreach (var start in cascading.Select(g => g.Key))
            {
                var paths = new Dictionary<string, int>(StringComparer.Ordinal);
                Walk(start, [start]);

                void Walk(string table, List<string> path)
                {
                    foreach (var dependent in cascading[table])
                    {
                        if (path.Contains(dependent))
                        {
                            problems.Add($"cycle: {string.Join(" -> ", path)} -> {dependent}");
                            continue;
                        }

                        paths[dependent] = paths.GetValueOrDefault(dependent) + 1;
                        Walk(dependent, [.. path, dependent]);
                    }
                }

                problems.AddRange(paths.Where(p => p.Value > 1).Select(p => $"{p.Value} cascading paths from {start} to {p.Key}"));
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// The SQL Server fold is one TRANSLATE, which equals <see cref="SearchFold.Fold"/>'s pair-by-pair replacement only
    /// while no replacement is itself replaced; and it must not be cut short by its CAST.
    /// </summary>
    [Fact]
    public void The_SQL_Server_fold_translates_the_same_table_as_the_portal()
    {
        var sql = SearchFold.SqlServerSql("Name", 200);
        var literals = NationalLiterals().Matches(sql).Select(m => m.Groups[1].Value).ToList();
        var (from, to) = (literals[0], literals[1]);

        Assert.Equal(from.Length, to.Length);
        Assert.DoesNotContain(to, c => from.Contains(c, StringComparison.Ordinal));

        // Every character of the table, and a name: translated at once, then only the spaces left to do, as Fold does.
        var sample = $"  María  José ÑÚÑEZ-Ávila Çelik Ýñigo {from} ";
        var translated = new string([.. sample.Select(c => from.IndexOf(c, StringComparison.Ordinal) is var i and >= 0 ? to[i] : c)]);
        Assert.Equal(SearchFold.Fold(sample), SearchFold.Fold(translated));
        Assert.StartsWith("maria jose nunez-avila celik ynigo aaaa", SearchFold.Fold(sample), StringComparison.Ordinal);
        Assert.EndsWith(" AS nvarchar(200))", sql, StringComparison.Ordinal);
        Assert.StartsWith("CAST(TRIM(", sql, StringComparison.Ordinal);
        Assert.Contains($"[Name] COLLATE {SearchColumns.SqlServerCollation}", sql, StringComparison.Ordinal);
    }

    /// <summary>
    /// The portal runs no raw SQL of its own; its searches are LINQ the provider translates. The shapes SQL Server has
    /// to take differently are translated here, offline: the prefix range and the keyset seek (string and Guid
    /// CompareTo), a list of keys (the sessions a role change ends), ordered paging.
    /// </summary>
    [Fact]
    public async Task The_search_and_paging_queries_translate_for_SQL_Server()
    {
        await WithSqlServerContextAsync(db =>
        {
            var lastId = Guid.NewGuid();
            var users = db.Users
                .WhereStartsWith(u => u.NormalizedFullName, "maria")
                .Where(u => u.NormalizedFullName!.CompareTo("maria fernanda") > 0 || (u.NormalizedFullName == "maria fernanda" && u.Id.CompareTo(lastId) > 0))
                .OrderBy(u => u.NormalizedFullName).ThenBy(u => u.Id)
                .Select(u => new { u.Id, u.FullName })
                .Take(25)
                .ToQueryString();
            Assert.Contains("[a].[NormalizedFullName] >= @", users, StringComparison.Ordinal);
            Assert.Contains("[a].[NormalizedFullName] < @", users, StringComparison.Ordinal);
            Assert.Contains("[a].[Id] > @", users, StringComparison.Ordinal);
            Assert.Contains("ORDER BY [a].[NormalizedFullName], [a].[Id]", users, StringComparison.Ordinal);

            Guid[] userIds = [Guid.NewGuid(), Guid.NewGuid()];
            var sessions = db.UserSessions.Where(s => userIds.Contains(s.UserId)).Select(s => s.Id).ToQueryString();
            Assert.Contains("].[UserId] IN (@", sessions, StringComparison.Ordinal);
            return Task.CompletedTask;
        });
    }

    /// <summary>The portal's registrations with Database:Provider = SqlServer, as <see cref="SchemaTests"/> resolves its contexts.</summary>
    private static Task WithSqlServerContextAsync(Func<PortalDbContext, Task> action) =>
        SchemaTests.WithContextAsync(nameof(DatabaseProvider.SqlServer), NeverOpened, db =>
        {
            Assert.True(db.Database.IsSqlServer());
            return action(db);
        });

    /// <summary>Every migration's Up, in order, as SQL Server would be given them.</summary>
    private static List<MigrationOperation> MigrationOperations(PortalDbContext db)
    {
        var assembly = db.GetService<IMigrationsAssembly>();
        return assembly.Migrations
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .SelectMany(m => assembly.CreateMigration(m.Value, db.Database.ProviderName!).UpOperations)
            .ToList();
    }

    /// <summary>What creating the current model from nothing takes (what GenerateCreateScript and EnsureCreated run).</summary>
    private static List<MigrationOperation> ModelOperations(PortalDbContext db) =>
        [.. db.GetService<IMigrationsModelDiffer>().GetDifferences(null, db.GetService<IDesignTimeModel>().Model.GetRelationalModel())];

    /// <summary>
    /// Folds operations into a schema description keyed like <see cref="SchemaTests"/>' ("column Contracts.Number"),
    /// each element described by the DDL SQL Server's own generator writes for it, given what the real script gives it:
    /// no model for the hand-written migrations (they have no target model), the model for the model's operations. So
    /// the store types, identity, computed columns, collations, filters and ON DELETE compared are the ones SQL Server
    /// would be told, including what the generator adds by itself.
    /// </summary>
    private static SortedDictionary<string, string> Fold(IEnumerable<MigrationOperation> operations, PortalDbContext db, bool withModel)
    {
        var generator = db.GetService<IMigrationsSqlGenerator>();
        var model = withModel ? db.Model : null;
        string Ddl(MigrationOperation operation) =>
            Whitespace().Replace(string.Join(" ", generator.Generate([operation], model).Select(c => c.CommandText)), " ").Trim();

        var schema = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Drop(string element) => Assert.True(schema.Remove(element), $"DROP of {element}, which is not there");
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case CreateTableOperation table:
                    schema[$"table {table.Name}"] = "exists" + Extras(table) + (table.Comment is null ? string.Empty : $" COMMENT {table.Comment}");
                    table.Columns.ForEach(c => schema[$"column {table.Name}.{c.Name}"] = Ddl(c));
                    if (table.PrimaryKey is { } primaryKey)
                    {
                        schema[$"primary key {table.Name}"] = Ddl(primaryKey);
                    }

                    table.UniqueConstraints.ForEach(u => schema[$"unique constraint {table.Name}.{u.Name}"] = Ddl(u));
                    table.CheckConstraints.ForEach(c => schema[$"check constraint {table.Name}.{c.Name}"] = Ddl(c));
                    table.ForeignKeys.ForEach(f => schema[$"foreign key {table.Name}.{f.Name}"] = Ddl(f));
                    break;
                case DropTableOperation table:
                    schema.Keys.Where(k => OfTable(k, table.Name)).ToList().ForEach(Drop);

                    break;
                case AddColumnOperation column:
                    schema[$"column {column.Table}.{column.Name}"] = Ddl(column);
                    break;
                case AlterColumnOperation column:
                    Assert.True(schema.ContainsKey($"column {column.Table}.{column.Name}"), $"ALTER of a missing column {column.Table}.{column.Name}");
                    schema[$"column {column.Table}.{column.Name}"] = Ddl(AsAdded(column));
                    break;
                case DropColumnOperation column:
                    Drop($"column {column.Table}.{column.Name}");
                    break;
                case AddPrimaryKeyOperation key:
                    schema[$"primary key {key.Table}"] = Ddl(key);
                    break;
                case DropPrimaryKeyOperation key:
                    Drop($"primary key {key.Table}");
                    break;
                case AddForeignKeyOperation foreignKey:
                    schema[$"foreign key {foreignKey.Table}.{foreignKey.Name}"] = Ddl(foreignKey);
                    break;
                case DropForeignKeyOperation foreignKey:
                    Drop($"foreign key {foreignKey.Table}.{foreignKey.Name}");
                    break;
                case CreateIndexOperation index:
                    schema[$"index {index.Table}.{index.Name}"] = Ddl(index);
                    break;
                case DropIndexOperation index:
                    Drop($"index {index.Table}.{index.Name}");
                    break;
                case SqlOperation:
                    // Raw SQL in a migration is a trigger (the audit log's, AuditLog migration): not part of the model,
                    // proved by AuditLogAppendOnlyTests on SQLite and PostgreSQL and checked in the script below.
                    break;
                case AlterDatabaseOperation database:
                    schema["database"] = $"COLLATE {database.Collation ?? "(server default)"}" + Extras(database);
                    break;
                default:
                    throw new NotSupportedException(
                        $"{operation.GetType().Name} is not folded yet: teach {nameof(SqlServerSchemaTests)}.{nameof(Fold)} what it does to the schema.");
            }
        }

        return schema;
    }

    private static bool OfTable(string key, string table) =>
        key == $"table {table}" || key == $"primary key {table}" || key.Split(' ')[^1].StartsWith($"{table}.", StringComparison.Ordinal);

    /// <summary>The column as an ALTER leaves it, described as if it had been added so.</summary>
    private static AddColumnOperation AsAdded(AlterColumnOperation column)
    {
        var added = new AddColumnOperation
        {
            Schema = column.Schema, Table = column.Table, Name = column.Name, ClrType = column.ClrType, ColumnType = column.ColumnType,
            IsUnicode = column.IsUnicode, IsFixedLength = column.IsFixedLength, MaxLength = column.MaxLength, Precision = column.Precision,
            Scale = column.Scale, IsRowVersion = column.IsRowVersion, IsNullable = column.IsNullable, DefaultValue = column.DefaultValue,
            DefaultValueSql = column.DefaultValueSql, ComputedColumnSql = column.ComputedColumnSql, IsStored = column.IsStored,
            Comment = column.Comment, Collation = column.Collation,
        };
        added.AddAnnotations(column.GetAnnotations());
        return added;
    }

    /// <summary>SQL Server's own annotations of a table or database (memory optimisation, temporal tables, …), in name order.</summary>
    private static string Extras(MigrationOperation operation) => string.Concat(operation.GetAnnotations()
        .Where(a => a.Name.StartsWith("SqlServer:", StringComparison.Ordinal))
        .OrderBy(a => a.Name, StringComparer.Ordinal)
        .Select(a => $" [{a.Name}={Convert.ToString(a.Value, CultureInfo.InvariantCulture)}]"));

    /// <summary>Leaves a script in the artifacts folder (SECOPPORTAL_ARTIFACTS) for a reviewer.</summary>
    private static void KeepForReview(string fileName, string script)
    {
        if (Environment.GetEnvironmentVariable("SECOPPORTAL_ARTIFACTS") is { Length: > 0 } artifacts)
        {
            var folder = Directory.CreateDirectory(Path.Combine(artifacts, "sql"));
            File.WriteAllText(Path.Combine(folder.FullName, fileName), script);
        }
    }

    /// <summary>
    /// SQLite's and PostgreSQL's spellings: AUTOINCREMENT, identity and generated columns, their types, the "C"
    /// collation, and double-quoted identifiers (SQL Server's are bracketed; no string in the script has a quote).
    /// </summary>
    [GeneratedRegex("""AUTOINCREMENT|["]|GENERATED|\bBY DEFAULT\b|\buuid\b|\bTEXT\b|\bINTEGER\b|\bboolean\b|\bbytea\b|\btimestamp\b|character varying|\bnumeric\b""", RegexOptions.IgnoreCase)]
    private static partial Regex OtherDialects();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("N'([^']*)'")]
    private static partial Regex NationalLiterals();
}
