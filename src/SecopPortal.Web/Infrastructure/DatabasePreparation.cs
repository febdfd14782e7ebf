using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Infrastructure;

public static class DatabasePreparation
{
    /// <summary>
    /// Applies pending migrations, reads the holiday changes and, in Development, seeds an empty database with demo data,
    /// all under the <see cref="DatabaseStartLock"/>: instances started together take turns, and the one after finds
    /// the migrations applied and the database no longer empty.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var startLock = await DatabaseStartLock.AcquireAsync(db.Database, app.Logger);
        if (options.MigrateOnStartup)
        {
            await db.Database.MigrateAsync();
        }

        await RoleSetup.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole<Guid>>>());

        // The administrators' holiday changes, before the first business day is counted (the demo data counts some).
        await scope.ServiceProvider.GetRequiredService<PortalCalendar>().RefreshAsync(db, CancellationToken.None);
        if (app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("Seed:DemoData"))
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync();
        }
    }
}
