using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Infrastructure;

public static class DatabasePreparation
{
    /// <summary>
    /// Applies pending migrations, reads the holiday changes and, in Development, seeds an empty database with demo data,
    /// all under the <see cref="DatabaseStartLock"/>: instances started together take turns, and the one after finds
    /// the migrations applied and the database no longer empty. Then, before the portal listens (so before <c>/health</c>
    /// answers), the start-up sweep removes what crashed or stopped instances left of their uploads
    /// (<see cref="CrashedUploadSweeper"/>, ADR 0021).
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await MigrateAndSeedAsync(app);
        await SweepCrashedUploadsAsync(app);
    }

    private static async Task MigrateAndSeedAsync(WebApplication app)
    {
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

    /// <summary>
    /// Runs <see cref="CrashedUploadSweeper"/> once, unless <c>Uploads:SweepEnabled</c> is false. A failure is logged and
    /// does not stop the start: the periodic sweep removes the same leftovers after its grace period.
    /// </summary>
    private static async Task SweepCrashedUploadsAsync(WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<UploadLimitsOptions>>().Value.SweepEnabled)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var sweeper = scope.ServiceProvider.GetRequiredService<CrashedUploadSweeper>();
        try
        {
            await sweeper.SweepAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            CrashedUploadSweeper.LogSweepFailed(scope.ServiceProvider.GetRequiredService<ILogger<CrashedUploadSweeper>>(), exception);
        }
    }
}
