using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SecopPortal.Infrastructure.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>
    /// Registers the "Mail" options (validated at start-up), the SMTP <see cref="IMailSender"/>, the
    /// <see cref="OutboxDispatcher"/> and the background <see cref="OutboxDispatchService"/> that runs it.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">Holds the "Mail" section.</param>
    /// <param name="contentRoot">Relative <c>Mail:PickupDirectory</c> paths are under it.</param>
    public static IServiceCollection AddPortalMail(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentRoot);

        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailOptions>, MailOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMailSender>(provider => new SmtpMailSender(provider.GetRequiredService<IOptions<MailOptions>>(), contentRoot));
        services.TryAddScoped<OutboxDispatcher>();
        services.AddHostedService<OutboxDispatchService>();
        return services;
    }
}
