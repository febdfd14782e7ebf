using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Operations;

/// <summary>
/// Several instances started at the same moment on one empty database, as a deployment of N replicas that migrate
/// on start: every one comes up, the migrations are applied once and the demo data is seeded once (issue 10). Without
/// the start-up lock one of them aborted every time (<c>42P07 relation "Notifications" already exists</c>, or
/// <c>23505 RoleNameIndex</c>).
/// </summary>
public sealed class StartTogetherTests
{
    private const int Instances = 4;

    [Theory]
    [InlineData(TestDatabase.Postgres)]
    [InlineData(TestDatabase.Sqlite)]
    public async Task Instances_started_together_on_an_empty_database_all_come_up_and_seed_it_once(TestDatabase database)
    {
        var factories = await PortalFactory.StartTogetherAsync(database, Instances);
        try
        {
            Assert.Equal(Instances, factories.Count);
            foreach (var factory in factories)
            {
                using var client = factory.CreateClient();
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}");
            }

            await using var scope = factories[0].Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(PortalRoles.All.Count, await db.Roles.CountAsync());
            Assert.Equal(DemoAccounts.All.Count, await db.Users.CountAsync());
            Assert.Equal(2, await db.PublicEntities.CountAsync());
            Assert.Equal(5, await db.Contracts.CountAsync());
        }
        finally
        {
            await PortalFactory.DisposeAllAsync(factories);
        }
    }

    [Fact]
    public void A_sqlite_database_file_is_locked_through_a_file_beside_it_and_an_in_memory_one_needs_none()
    {
        var file = Path.Combine(Path.GetTempPath(), "portal.db");

        Assert.Equal(file + ".start-lock", DatabaseStartLock.LockFileOf($"Data Source={file}"));
        Assert.Null(DatabaseStartLock.LockFileOf("Data Source=:memory:"));
        Assert.Null(DatabaseStartLock.LockFileOf("Data Source=shared;Mode=Memory;Cache=Shared"));
    }
}
