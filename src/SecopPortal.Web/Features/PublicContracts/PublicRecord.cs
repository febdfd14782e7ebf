using System.Linq.Expressions;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.PublicContracts;

/// <summary>
/// What the anonymous public record ("Consulta pública de contratos", the open data) may show, in one place, so
/// the pages, the CSV and the OCDS release cannot disagree. What is public and why: docs/public-record.md.
/// </summary>
public static class PublicRecord
{
    /// <summary>The rate-limiter policy every anonymous public route carries.</summary>
    public const string RateLimitPolicy = "publico";

    /// <summary>
    /// The payment requests the public sees: those the contractor has sent to the entity and what became of them.
    /// A draft ("En edición", "Pendiente de registro") is the contractor's work in progress and is never public.
    /// </summary>
    public static IReadOnlyList<PaymentRequestStatus> PaymentRequestStatuses { get; } =
    [
        PaymentRequestStatus.Sent,
        PaymentRequestStatus.Rejected,
        PaymentRequestStatus.Approved,
        PaymentRequestStatus.Paid,
    ];

    /// <summary>
    /// <see cref="PaymentRequestStatuses"/> as a predicate EF translates (status = 'Sent' OR …), for every query of
    /// the public record.
    /// </summary>
    public static Expression<Func<PaymentRequest, bool>> IsPublicRequest { get; } = BuildIsPublicRequest();

    private static Expression<Func<PaymentRequest, bool>> BuildIsPublicRequest()
    {
        var request = Expression.Parameter(typeof(PaymentRequest), "p");
        var status = Expression.Property(request, nameof(PaymentRequest.Status));
        var body = PaymentRequestStatuses
            .Select(s => (Expression)Expression.Equal(status, Expression.Constant(s)))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<PaymentRequest, bool>>(body, request);
    }
}

/// <summary>Options of the public record: <c>PublicRecord:PermitsPerMinute</c>, per client address.</summary>
public sealed class PublicRecordOptions
{
    public const string Section = "PublicRecord";

    /// <summary>Requests one client address may make to the public routes per minute (default 120).</summary>
    public int PermitsPerMinute { get; set; } = 120;
}

public static class PublicRecordServiceCollectionExtensions
{
    /// <summary>
    /// The public routes are anonymous, so a fixed window per client address (after the trusted proxy's
    /// X-Forwarded-For) keeps one client from taking the portal's capacity; the answer is 429 with the portal's
    /// Spanish page and a Retry-After.
    /// </summary>
    public static IServiceCollection AddPublicRecord(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(PublicRecordOptions.Section).Get<PublicRecordOptions>() ?? new PublicRecordOptions();
        services.AddScoped<PublicContractSearch>();
        services.AddScoped<PublicContractQuery>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                ClientRateLimits.SetRetryAfter(context.HttpContext.Response, context.Lease);
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(PublicRecord.RateLimitPolicy, context =>
                RateLimitPartition.GetFixedWindowLimiter(
                    ClientRateLimits.ClientAddress(context),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = Math.Max(1, options.PermitsPerMinute),
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    }));
        });
        return services;
    }
}
