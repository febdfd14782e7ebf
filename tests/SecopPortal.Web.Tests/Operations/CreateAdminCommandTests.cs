using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Infrastructure.Auditing;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Operations;

/// <summary>
/// The README's way to create the first administrator outside Development, run as a real process of the
/// portal's own binary against an empty database, then used to sign in.
/// </summary>
public sealed class CreateAdminCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"secopportal-cli-{Guid.NewGuid():N}");

    public CreateAdminCommandTests() => Directory.CreateDirectory(_folder);

    private string DatabasePath => Path.Combine(_folder, "portal.db");

    [Fact]
    public async Task Create_admin_on_an_empty_production_database_creates_a_user_who_can_sign_in()
    {
        var (exitCode, output) = await RunAsync(["create-admin", "--email", "jefe.ti@entidad.gov.co", "--name", "Jefa de TI"], "Una.Frase.Larga.2026");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Administrator jefe.ti@entidad.gov.co created.", output, StringComparison.Ordinal);

        await using var factory = await PortalFactory.CreateAsync(TestDatabase.Sqlite, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={DatabasePath}",
            ["Seed:DemoData"] = "false",
        });
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            Assert.Equal(1, await db.Users.CountAsync());
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var admin = await users.FindByEmailAsync("jefe.ti@entidad.gov.co");
            Assert.NotNull(admin);
            Assert.Equal("Jefa de TI", admin.FullName);
            Assert.Equal([PortalRoles.Administrator], await users.GetRolesAsync(admin));

            // The audit log (ADR 0020) holds the creation and the role, by the system (no user, no address).
            var entries = await db.AuditEntries.AsNoTracking().Where(e => e.SubjectUserId == admin.Id).OrderBy(e => e.Id).ToListAsync();
            Assert.Equal([AuditKind.UserCreated, AuditKind.RoleGranted], entries.Select(e => e.Kind));
            Assert.All(entries, e => Assert.Equal((null, null), (e.ActorId, e.ClientAddress)));
            Assert.Contains("Administrador", entries[1].Detail, StringComparison.Ordinal);
        }

        var client = factory.CreateClient();
        await PortalHttp.SignInAsync(client, new Account("jefe.ti@entidad.gov.co", "Una.Frase.Larga.2026"));
    }

    [Fact]
    public async Task A_short_password_is_refused_with_the_spanish_reason_and_a_failing_exit_code()
    {
        var (exitCode, output) = await RunAsync(["create-admin", "--email", "jefe.ti@entidad.gov.co"], "Corta.1");

        Assert.Equal(1, exitCode);
        Assert.Contains("La contraseña debe tener al menos 12 caracteres.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_email_the_command_prints_its_usage()
    {
        var (exitCode, output) = await RunAsync(["create-admin"], "Una.Frase.Larga.2026");

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage: create-admin --email", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string[] args, string? password)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SecopPortal.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={DatabasePath}";
        start.Environment["Storage__Root"] = Path.Combine(_folder, "documents");
        start.Environment["DataProtection__KeysFolder"] = Path.Combine(_folder, "keys");
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        if (password is not null)
        {
            start.Environment["SECOPPORTAL_ADMIN_PASSWORD"] = password;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
