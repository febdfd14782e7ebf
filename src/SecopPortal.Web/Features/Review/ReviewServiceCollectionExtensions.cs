namespace SecopPortal.Web.Features.Review;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>The supervisor's inbox query and the review handler (approve, reject, mark paid).</summary>
    public static IServiceCollection AddPaymentReview(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddScoped<ReviewInboxQuery>();
        services.AddScoped<PaymentReview>();
        return services;
    }
}
