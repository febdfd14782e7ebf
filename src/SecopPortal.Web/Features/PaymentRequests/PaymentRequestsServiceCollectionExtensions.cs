namespace SecopPortal.Web.Features.PaymentRequests;

public static class PaymentRequestsServiceCollectionExtensions
{
    /// <summary>The contractor's side of payment requests, and the built-in PILA check (replace <see cref="IPilaValidator"/> to ask the real operator).</summary>
    public static IServiceCollection AddPaymentRequestFiling(this IServiceCollection services)
    {
        services.AddScoped<PaymentRequestFiling>();
        services.AddSingleton<IPilaValidator, LocalRulesPilaValidator>();
        return services;
    }
}
