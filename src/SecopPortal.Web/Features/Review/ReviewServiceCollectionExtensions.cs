namespace SecopPortal.Web.Features.Review;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>The supervisor's inbox query and one handler per decision ("Aprobar", "Rechazar", "Marcar como pagado").</summary>
    public static IServiceCollection AddPaymentReview(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddScoped<ReviewInboxQuery>();
        services.AddScoped<Approve.Handler>();
        services.AddScoped<Reject.Handler>();
        services.AddScoped<MarkPaid.Handler>();
        services.AddSingleton<PendingSupport>();
        return services;
    }
}
