using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Account;

/// <summary>
/// Options of the sign-in throttle (section <c>SignInThrottle</c>, ADR 0019). Every limit is a fixed window (whose
/// refusals say when it ends: a sliding window's say nothing); what goes over it answers 429 with the Spanish page and
/// Retry-After.
/// </summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignInThrottle";

    /// <summary>Sign-in posts one client address may make per minute, whatever the account (default 20: an office behind one NAT address signs in at 8 a.m.).</summary>
    public int AttemptsPerAddressPerMinute { get; set; } = 20;

    /// <summary>Failed sign-ins for one account from one client address per <see cref="AccountWindowMinutes"/> (default 5): an attacker only throttles their own address.</summary>
    public int FailuresPerAccountAndAddress { get; set; } = 5;

    /// <summary>Failed sign-ins for one account from all addresses per <see cref="AccountWindowMinutes"/> (default 100): the brake on guessing from many addresses, high so it takes many addresses to reach.</summary>
    public int FailuresPerAccount { get; set; } = 100;

    /// <summary>The window of the two per-account limits, in minutes (default 15).</summary>
    public int AccountWindowMinutes { get; set; } = 15;
}

/// <summary>
/// The per-account limits of sign-in. The account comes from the form body, which an endpoint's rate-limiter policy
/// does not see, so the action asks <see cref="Refusal"/> after model binding and reports each failure with
/// <see cref="RecordFailure"/>. Only failures count: a user who types the right password spends nothing. Unknown
/// e-mails count like known ones, so the throttle says nothing about which accounts exist.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    /// <summary>The rate-limiter policy of the sign-in post: per client address.</summary>
    public const string AddressPolicy = "inicio-sesion";

    private readonly PartitionedRateLimiter<string> _perAccountAndAddress;
    private readonly PartitionedRateLimiter<string> _perAccount;

    public SignInThrottle(SignInThrottleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var window = TimeSpan.FromMinutes(Math.Max(1, options.AccountWindowMinutes));
        _perAccountAndAddress = Limiter(options.FailuresPerAccountAndAddress, window);
        _perAccount = Limiter(options.FailuresPerAccount, window);
    }

    /// <summary>A refused lease (to answer 429 with its Retry-After) when the account has no failures left from this address or at all; otherwise null.</summary>
    public RateLimitLease? Refusal(string normalizedAccount, string address)
    {
        foreach (var (limiter, key) in Partitions(normalizedAccount, address))
        {
            // Asking for no permit consumes nothing and fails only when none is left.
            var lease = limiter.AttemptAcquire(key, 0);
            if (!lease.IsAcquired)
            {
                return lease;
            }

            lease.Dispose();
        }

        return null;
    }

    /// <summary>Spends one failure of the account from this address and one of the account.</summary>
    public void RecordFailure(string normalizedAccount, string address)
    {
        foreach (var (limiter, key) in Partitions(normalizedAccount, address))
        {
            limiter.AttemptAcquire(key).Dispose();
        }
    }

    public void Dispose()
    {
        _perAccountAndAddress.Dispose();
        _perAccount.Dispose();
    }

    private (PartitionedRateLimiter<string> Limiter, string Key)[] Partitions(string normalizedAccount, string address) =>
        [(_perAccountAndAddress, normalizedAccount + "\n" + address), (_perAccount, normalizedAccount)];

    private static PartitionedRateLimiter<string> Limiter(int failures, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(failures, window)));

    internal static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = window,
        QueueLimit = 0,
    };
}

public static class SignInThrottleServiceCollectionExtensions
{
    /// <summary>The sign-in throttle: the per-address policy <see cref="SignInThrottle.AddressPolicy"/> and the per-account <see cref="SignInThrottle"/>.</summary>
    public static IServiceCollection AddSignInThrottle(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SignInThrottleOptions.Section).Get<SignInThrottleOptions>() ?? new SignInThrottleOptions();
        services.AddSingleton(new SignInThrottle(options));
        services.AddRateLimiter(limiter => limiter.AddPolicy(SignInThrottle.AddressPolicy, context =>
            RateLimitPartition.GetFixedWindowLimiter(
                ClientRateLimits.ClientAddress(context),
                _ => SignInThrottle.Window(options.AttemptsPerAddressPerMinute, TimeSpan.FromMinutes(1)))));
        return services;
    }
}
