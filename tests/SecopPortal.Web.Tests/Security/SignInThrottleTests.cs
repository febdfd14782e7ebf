using System.Net;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Web.Features.Account;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Security;

/// <summary>
/// The sign-in throttle's portal: low limits, and the client address taken from X-Forwarded-For (the test server has
/// none of its own), so each test client can come from an address of its own.
/// </summary>
public sealed class SignInThrottlePortal : IAsyncLifetime
{
    public const int PerAddressPerMinute = 25;
    public const int PerAccountAndAddress = 5;
    public const int PerAccount = 12;

    private PortalFactory? _factory;

    public PortalFactory Factory => _factory ?? throw new InvalidOperationException("The portal has not started.");

    public async Task InitializeAsync() => _factory = await PortalFactory.CreateAsync(TestDatabase.Sqlite, settings: new Dictionary<string, string?>
    {
        ["ForwardedHeaders:Enabled"] = "true",
        ["SignInThrottle:AttemptsPerAddressPerMinute"] = PerAddressPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SignInThrottle:FailuresPerAccountAndAddress"] = PerAccountAndAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SignInThrottle:FailuresPerAccount"] = PerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Uploads:SweepEnabled"] = "false",
    });

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>A client whose requests come from <paramref name="address"/>.</summary>
    public HttpClient From(string address) => PortalHttp.ClientFrom(Factory, address);
}

/// <summary>Throttling of sign-in per client address, per account and address, and per account (ADR 0019).</summary>
public sealed class SignInThrottleTests(SignInThrottlePortal portal) : IClassFixture<SignInThrottlePortal>
{
    private const string WrongPassword = "No.Es.La.Clave.2026";

    [Fact]
    public async Task An_attacker_failing_twenty_times_throttles_only_their_own_address()
    {
        var user = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Supervisor);
        using var attacker = portal.From("203.0.113.7");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var response = await SignInAsync(attacker, user.Email!, WrongPassword);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused?.Dispose();
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, SignInThrottlePortal.PerAccountAndAddress), statuses.Take(SignInThrottlePortal.PerAccountAndAddress));
        Assert.All(statuses.Skip(SignInThrottlePortal.PerAccountAndAddress), status => Assert.Equal(HttpStatusCode.TooManyRequests, status));
        await AssertSpanish429Async(refused!, TimeSpan.FromMinutes(15));
        refused!.Dispose();

        // Even the right password waits from the attacker's address; the user, elsewhere, signs in at once.
        using var fromAttacker = await SignInAsync(attacker, user.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, fromAttacker.StatusCode);
        using var realUser = portal.From("198.51.100.20");
        await PortalHttp.SignInAsync(realUser, TestUsers.AccountOf(user));
    }

    [Fact]
    public async Task An_unknown_email_is_throttled_like_a_known_one()
    {
        using var client = portal.From("203.0.113.8");
        var email = $"nadie.{Guid.NewGuid():N}@secop.test";
        for (var attempt = 0; attempt < SignInThrottlePortal.PerAccountAndAddress; attempt++)
        {
            using var failed = await SignInAsync(client, email, WrongPassword);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var refused = await SignInAsync(client, email.ToUpperInvariant(), WrongPassword);
        await AssertSpanish429Async(refused, TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task One_address_gets_a_limited_number_of_sign_ins_a_minute_whatever_the_account()
    {
        using var client = portal.From("203.0.113.9");
        for (var attempt = 0; attempt < SignInThrottlePortal.PerAddressPerMinute; attempt++)
        {
            using var failed = await SignInAsync(client, $"nadie.{Guid.NewGuid():N}@secop.test", WrongPassword);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var refused = await SignInAsync(client, DemoAccounts.Contractor.Email, DemoAccounts.Contractor.Password);
        await AssertSpanish429Async(refused, TimeSpan.FromMinutes(1));
        using var other = portal.From("198.51.100.21");
        await PortalHttp.SignInAsync(other, DemoAccounts.Contractor);
    }

    [Fact]
    public async Task Failures_from_many_addresses_reach_the_accounts_ceiling()
    {
        var user = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Supervisor);
        for (var failure = 0; failure < SignInThrottlePortal.PerAccount; failure++)
        {
            using var client = portal.From($"192.0.2.{1 + (failure / (SignInThrottlePortal.PerAccountAndAddress - 1))}");
            using var failed = await SignInAsync(client, user.Email!, WrongPassword);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var fresh = portal.From("192.0.2.200");
        using var refused = await SignInAsync(fresh, user.Email!, TestUsers.Password);
        await AssertSpanish429Async(refused, TimeSpan.FromMinutes(15));
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        PortalHttp.PostFormAsync(client, PortalHttp.LoginPath, new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    private static async Task AssertSpanish429Async(HttpResponseMessage response, TimeSpan window)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta is { } wait && wait > TimeSpan.Zero && wait <= window, $"Retry-After: {response.Headers.RetryAfter}");
        Assert.Contains("Demasiadas", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
