namespace SecopPortal.Web.Features.ExecutionDocuments;

public static class ExecutionDocumentsServiceCollectionExtensions
{
    /// <summary>The upload handler and queries of section 7's execution documents (the document store is AddPortalDocuments').</summary>
    public static IServiceCollection AddExecutionDocuments(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddScoped<UploadExecutionDocument.Handler>();
        services.AddScoped<ExecutionDocumentQueries>();
        return services;
    }
}
