using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Infrastructure.Documents;

public static class DocumentsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the document store on <c>Storage:Root</c> (relative to <paramref name="contentRoot"/>; the
    /// <see cref="StorageOptions"/> are bound by <c>AddPortalPersistence</c>), the "Uploads" limits (validated at
    /// start-up), <see cref="DocumentIntake"/>, <see cref="DocumentSweeper"/> with its database query, the
    /// background <see cref="DocumentSweepService"/>, and the start-up <see cref="CrashedUploadSweeper"/>.
    /// </summary>
    public static IServiceCollection AddPortalDocuments(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentRoot);

        services.AddOptions<UploadLimitsOptions>().Bind(configuration.GetSection(UploadLimitsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UploadLimitsOptions>, UploadLimitsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(provider =>
        {
            var root = provider.GetRequiredService<IOptions<StorageOptions>>().Value.Root;
            return new FileSystemDocumentStore(ResolveRoot(root, contentRoot), provider.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton<IDocumentStore>(provider => provider.GetRequiredService<FileSystemDocumentStore>());
        services.TryAddSingleton<DocumentIntake>();
        services.TryAddScoped<IReferencedDocumentKeys, EfReferencedDocumentKeys>();
        services.TryAddScoped<DocumentSweeper>();
        services.TryAddScoped<CrashedUploadSweeper>();
        services.AddHostedService<DocumentSweepService>();
        return services;
    }

    /// <summary><c>Storage:Root</c> as an absolute folder: relative paths are under the content root.</summary>
    public static string ResolveRoot(string root, string contentRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentNullException.ThrowIfNull(contentRoot);
        return Path.GetFullPath(Path.IsPathRooted(root) ? root : Path.Combine(contentRoot, root));
    }
}
