using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Operations;

/// <summary>The launcher the crash and two-instance tests stand on: a real process that comes up, signs in and dies with kill -9.</summary>
public sealed class PortalProcessTests
{
    [Fact]
    public async Task A_portal_process_serves_sign_in_and_is_gone_after_kill_9()
    {
        var folder = Directory.CreateTempSubdirectory("secop-process-");
        try
        {
            await using var portal = await PortalProcess.StartAsync(new Dictionary<string, string>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(folder.FullName, "portal.db")}",
                ["Seed:DemoData"] = "true",
                ["Storage:Root"] = Path.Combine(folder.FullName, "documents"),
                ["DataProtection:KeysFolder"] = Path.Combine(folder.FullName, "keys"),
            });

            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = portal.BaseAddress };
            await PortalHttp.SignInAsync(client, DemoAccounts.Contractor);
            Assert.True(portal.ResidentBytes() > 10 * 1024 * 1024, portal.ToString());

            await portal.KillHardAsync();
            Assert.True(portal.HasExited);
            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("/health", UriKind.Relative)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
