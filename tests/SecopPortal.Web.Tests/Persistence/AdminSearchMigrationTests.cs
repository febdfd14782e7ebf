using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SecopPortal.Infrastructure;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Infrastructure.Persistence.Configurations;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Persistence;

/// <summary>
/// The AdminSearch migration adds the folded names the admin lists search. Users and entities that exist before it
/// must come out of it searchable: the database computes the folded name for them, the same way the portal folds a
/// search term.
/// </summary>
public sealed class AdminSearchMigrationTests
{
    private const string BeforeAdminSearch = "20261121010000_Notifications";

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Migrating_folds_the_names_of_the_users_and_entities_already_there(TestDatabase database)
    {
        await using var postgres = database == TestDatabase.Postgres ? new PostgresServer() : null;
        var sqliteFile = Path.Combine(Path.GetTempPath(), $"secopportal-migration-{Guid.NewGuid():N}.db");
        var connectionString = postgres is not null ? await postgres.CreateDatabaseAsync() : $"Data Source={sqliteFile};Pooling=False";
        try
        {
            var options = new DbContextOptionsBuilder<PortalDbContext>();
            DependencyInjection.ConfigureProvider(
                options, database == TestDatabase.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, connectionString, Path.GetTempPath());
            await using var db = new PortalDbContext(options.Options);
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(BeforeAdminSearch);

            const string Name = "  María   José ÑÚÑEZ-Ávila Çelik ";
            const string EntityName = "Alcaldía Municipal de Güicán de la Sierra";
            object id = database == TestDatabase.Postgres ? Guid.NewGuid() : Guid.NewGuid().ToString().ToUpperInvariant();
            var created = DateTime.UtcNow;
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "AspNetUsers" ("Id", "FullName", "IsActive", "CreatedAtUtc", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
                VALUES ({id}, {Name}, {true}, {created}, {true}, {false}, {false}, {true}, {0})
                """);
            await db.Database.ExecuteSqlInterpolatedAsync($"""INSERT INTO "PublicEntities" ("Name", "Nit") VALUES ({EntityName}, {"899999001-7"})""");

            await migrator.MigrateAsync();

            Assert.Equal("maria jose nunez-avila celik", await db.Users.Select(u => u.NormalizedFullName).SingleAsync());
            Assert.Equal(SearchFold.Fold(Name), await db.Users.Select(u => u.NormalizedFullName).SingleAsync());
            Assert.Equal(
                "alcaldia municipal de guican de la sierra",
                await db.PublicEntities.Select(e => EF.Property<string>(e, PublicEntityConfiguration.NormalizedName)).SingleAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(sqliteFile);
        }
    }

    [Theory]
    [InlineData("  María  Fernanda   NÚÑEZ ", "maria fernanda nunez")]
    [InlineData("Soluciones Andinas de Ingeniería S.A.S.", "soluciones andinas de ingenieria s.a.s.")]
    [InlineData("ÁÉÍÓÚÜÑÇ àèìòù âêîôû äëïöü ãõ ýÿ", "aeiouunc aeiou aeiou aeiou ao yy")]
    [InlineData("Øster Łódź", "Øster Łodź")]
    [InlineData("", "")]
    public void Search_terms_are_folded_like_the_stored_names(string text, string folded) =>
        Assert.Equal(folded, SearchFold.Fold(text));
}
