using SecopPortal.Infrastructure.Mail;

namespace SecopPortal.Web.Features.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>Mail (options, SMTP sender, outbox dispatcher), the inbox behind the bell, and the payment-request notifier.</summary>
    public static IServiceCollection AddPortalNotifications(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddPortalMail(configuration, contentRoot);
        services.AddScoped<NotificationInbox>();
        services.AddScoped<IPaymentRequestNotifier, PaymentRequestNotifier>();
        return services;
    }
}
