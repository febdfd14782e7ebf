using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SecopPortal.Web.Tests.Notifications;

/// <summary>The bell in the top bar and "Notificaciones", as a signed-in user sees them.</summary>
public abstract class NotificationPagesTests(PortalFixture fixture, ITestOutputHelper output)
{
    private PortalFactory Factory => fixture.Factory;

    [Fact]
    public async Task The_bell_shows_the_unread_count_with_an_accessible_label()
    {
        var user = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var now = DateTime.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            await NotificationData.AddAsync(Factory, user.Id, $"Aviso {i}", "/contratos", now.AddMinutes(-i));
        }

        await NotificationData.AddAsync(Factory, user.Id, "Aviso leído", "/contratos", now.AddHours(-1), read: true);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(user));

        var page = await PortalHttp.GetPageAsync(client, "/contratos");

        var bell = Bell(page);
        Assert.Equal("Notificaciones, 3 sin leer", bell.GetAttribute("aria-label"));
        Assert.Equal("/notificaciones", bell.GetAttribute("href"));
        Assert.Contains("Notificaciones", bell.TextContent, StringComparison.Ordinal);
        Assert.Equal("3", bell.QuerySelector(".bell__badge")!.TextContent.Trim());
    }

    [Fact]
    public async Task Without_unread_notifications_the_bell_has_no_badge()
    {
        var user = await TestUsers.CreateAsync(Factory, PortalRoles.Supervisor);
        await NotificationData.AddAsync(Factory, user.Id, "Ya leída", "/contratos", DateTime.UtcNow, read: true);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(user));

        var page = await PortalHttp.GetPageAsync(client, "/contratos?vista=supervision");

        var bell = Bell(page);
        Assert.Equal("Notificaciones, ninguna sin leer", bell.GetAttribute("aria-label"));
        Assert.Null(bell.QuerySelector(".bell__badge"));
    }

    [Fact]
    public async Task The_list_shows_the_newest_first_emphasises_the_unread_and_pages_twenty_at_a_time()
    {
        var user = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var start = DateTime.UtcNow.AddDays(-1);
        for (var i = 1; i <= 23; i++)
        {
            await NotificationData.AddAsync(Factory, user.Id, $"Aviso número {NotificationData.Invariant(i)}", "/contratos", start.AddMinutes(i), read: i % 2 == 0);
        }

        var client = await Factory.SignedInAsync(TestUsers.AccountOf(user));

        var first = await PortalHttp.GetPageAsync(client, "/notificaciones");
        var second = await PortalHttp.GetPageAsync(client, "/notificaciones?pagina=2");

        var items = first.QuerySelectorAll("li.notification");
        Assert.Equal(20, items.Length);
        Assert.Equal("Aviso número 23", items[0].QuerySelector(".notification__title")!.TextContent.Trim());
        Assert.Equal("Aviso número 22", items[1].QuerySelector(".notification__title")!.TextContent.Trim());
        Assert.Contains("notification--unread", items[0].ClassList);
        Assert.Equal("Nueva", items[0].QuerySelector(".notification__new")!.TextContent.Trim());
        Assert.DoesNotContain("notification--unread", items[1].ClassList);
        Assert.Null(items[1].QuerySelector(".notification__new"));
        Assert.Contains("12", first.QuerySelector(".page-head")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(AdminLikeButton(first, "Marcar todas como leídas"));
        Assert.Equal(["Aviso número 3", "Aviso número 2", "Aviso número 1"],
            second.QuerySelectorAll(".notification__title").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task Opening_a_notification_marks_it_read_and_goes_to_its_link()
    {
        var user = await TestUsers.CreateAsync(Factory, PortalRoles.Supervisor);
        var id = await NotificationData.AddAsync(Factory, user.Id, "Cuenta de cobro por revisar", "/revision/4711", DateTime.UtcNow);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(user));

        using var response = await client.GetAsync(new Uri($"/notificaciones/{NotificationData.Invariant(id)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/revision/4711", response.Headers.Location!.OriginalString);
        Assert.NotNull(await ReadAtAsync(id));
        var page = await PortalHttp.GetPageAsync(client, "/notificaciones");
        Assert.Equal("Notificaciones, ninguna sin leer", Bell(page).GetAttribute("aria-label"));
        Assert.DoesNotContain("notification--unread", page.QuerySelector("li.notification")!.ClassList);
    }

    [Fact]
    public async Task Another_users_notification_is_not_found_and_stays_unread()
    {
        var owner = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var intruder = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var id = await NotificationData.AddAsync(Factory, owner.Id, "Cuenta de cobro rechazada", "/contratos/1/pagos/1", DateTime.UtcNow);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(intruder));

        using var response = await client.GetAsync(new Uri($"/notificaciones/{NotificationData.Invariant(id)}", UriKind.Relative));
        using var missing = await client.GetAsync(new Uri("/notificaciones/987654321", UriKind.Relative));
        var list = await PortalHttp.GetPageAsync(client, "/notificaciones");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Null(await ReadAtAsync(id));
        Assert.Empty(list.QuerySelectorAll("li.notification"));
    }

    [Fact]
    public async Task Marcar_todas_como_leidas_marks_every_unread_one_of_the_user_read_and_no_one_elses()
    {
        var user = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var other = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var now = DateTime.UtcNow;
        var mine = new[]
        {
            await NotificationData.AddAsync(Factory, user.Id, "Uno", "/contratos", now.AddMinutes(-2)),
            await NotificationData.AddAsync(Factory, user.Id, "Dos", "/contratos", now.AddMinutes(-1)),
        };
        var theirs = await NotificationData.AddAsync(Factory, other.Id, "Ajena", "/contratos", now);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(user));

        using var response = await PortalHttp.PostFormAsync(client, "/notificaciones/marcar-todas-leidas", [], tokenPageUrl: "/notificaciones");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/notificaciones", response.Headers.Location!.OriginalString);
        var page = await PortalHttp.GetPageAsync(client, "/notificaciones");
        Assert.Equal("Se marcaron 2 notificaciones como leídas.", page.QuerySelector(".alert--success")!.TextContent.Trim());
        Assert.Equal("Notificaciones, ninguna sin leer", Bell(page).GetAttribute("aria-label"));
        Assert.Empty(page.QuerySelectorAll("li.notification--unread"));
        Assert.Null(AdminLikeButton(page, "Marcar todas como leídas"));
        foreach (var id in mine)
        {
            Assert.NotNull(await ReadAtAsync(id));
        }

        Assert.Null(await ReadAtAsync(theirs));
    }

    [Fact]
    public async Task The_bell_costs_one_sql_command_per_page()
    {
        var user = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        await NotificationData.AddAsync(Factory, user.Id, "Aviso", "/contratos", DateTime.UtcNow);
        await using var probed = Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<SqlCommandProbe>();
            services.ConfigureDbContext<PortalDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<SqlCommandProbe>()));
        }));
        var client = await probed.SignedInAsync(TestUsers.AccountOf(user));
        var probe = probed.Services.GetRequiredService<SqlCommandProbe>();

        foreach (var path in new[] { "/contratos", "/notificaciones", "/cuenta/cambiar-contrasena" })
        {
            var probeId = Guid.NewGuid().ToString("N");
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Add(SqlCommandProbe.Header, probeId);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            var commands = probe.CommandsOf(probeId);
            var bellCommands = commands.Count(c => c.Contains("\"Notifications\"", StringComparison.Ordinal) && c.Contains("COUNT(*)", StringComparison.OrdinalIgnoreCase) && !c.Contains("GROUP BY", StringComparison.OrdinalIgnoreCase));
            Assert.True(bellCommands == 1, $"GET {path} ran {bellCommands} bell queries among {commands.Count} commands:{Environment.NewLine}{string.Join(Environment.NewLine + "---" + Environment.NewLine, commands)}");
            output.WriteLine($"{fixture.Database}: GET {path} ran {commands.Count} SQL commands, {bellCommands} of them the bell's count.");
        }
    }

    private async Task<DateTime?> ReadAtAsync(int id)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Notifications.Where(n => n.Id == id).Select(n => n.ReadAtUtc).SingleAsync();
    }

    private static AngleSharp.Dom.IElement Bell(IHtmlDocument page)
    {
        var bell = page.QuerySelector("header a.bell");
        Assert.True(bell is not null, $"The page «{page.Title}» has no notification bell in its top bar.");
        return bell!;
    }

    private static AngleSharp.Dom.IElement? AdminLikeButton(IHtmlDocument page, string text) =>
        page.QuerySelectorAll("button").FirstOrDefault(b => b.TextContent.Trim() == text);
}

[Collection(SqlitePortal.Name)]
public sealed class NotificationPagesOnSqliteTests(SqlitePortalFixture fixture, ITestOutputHelper output) : NotificationPagesTests(fixture, output);

[Collection(PostgresPortal.Name)]
public sealed class NotificationPagesOnPostgresTests(PostgresPortalFixture fixture, ITestOutputHelper output) : NotificationPagesTests(fixture, output);
