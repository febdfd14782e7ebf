namespace SecopPortal.Web.Features.PaymentRequests;

public static class PaymentRequestsServiceCollectionExtensions
{
    /// <summary>
    /// The contractor's side of payment requests: one handler per user action, the form they share, the page, and the
    /// built-in PILA check (replace <see cref="IPilaValidator"/> to ask the real operator).
    /// </summary>
    public static IServiceCollection AddPaymentRequestFiling(this IServiceCollection services)
    {
        services.AddScoped<PaymentRequestWorkspace>();
        services.AddScoped<FilingForm>();
        services.AddScoped<RequestPage.Handler>();
        services.AddScoped<Create.Handler>();
        services.AddScoped<Save.Handler>();
        services.AddScoped<Attach.Handler>();
        services.AddScoped<RemoveAttachment.Handler>();
        services.AddScoped<Validate.Handler>();
        services.AddScoped<Confirm.Handler>();
        services.AddScoped<Reopen.Handler>();
        services.AddScoped<Send.Handler>();
        services.AddScoped<EditAfterRejection.Handler>();
        services.AddScoped<Delete.Handler>();
        services.AddScoped<CuentaDeCobroPdf.Handler>();
        services.AddScoped<MergedDocumentsPdf.Handler>();
        services.AddSingleton<MergedDocumentsPdf.Gate>();
        services.AddScoped<AttachCuentaDeCobro.Handler>();
        services.AddSingleton<IPilaValidator, LocalRulesPilaValidator>();
        return services;
    }
}
