using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Options;

namespace SecopPortal.Infrastructure.Mail;

/// <summary>
/// <see cref="IMailSender"/> on System.Net.Mail (MailKit is not available): SMTP with optional STARTTLS and
/// authentication, or .eml files in <see cref="MailOptions.PickupDirectory"/>. One <see cref="SmtpClient"/> per
/// e-mail, since it is not thread-safe.
/// </summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options, string contentRoot) : IMailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        using var mail = new MailMessage
        {
            From = new MailAddress(settings.From),
            Subject = message.Subject,
            Body = message.BodyText,
            IsBodyHtml = false,
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        mail.To.Add(new MailAddress(message.To));

        using var client = new SmtpClient();
        switch (settings.Delivery)
        {
            case MailDelivery.PickupDirectory:
                var folder = ResolvePickupDirectory(settings.PickupDirectory!, contentRoot);
                Directory.CreateDirectory(folder);
                client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
                client.PickupDirectoryLocation = folder;
                break;
            case MailDelivery.Smtp:
                client.DeliveryMethod = SmtpDeliveryMethod.Network;
                client.Host = settings.Host!;
                client.Port = settings.Port;
                client.EnableSsl = settings.EnableSsl;
                client.Timeout = (int)Math.Clamp(settings.Timeout.TotalMilliseconds, 1, int.MaxValue);
                client.UseDefaultCredentials = false;
                if (!string.IsNullOrEmpty(settings.UserName))
                {
                    client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
                }

                break;
            default:
                throw new InvalidOperationException("Mail is off (Mail:Enabled is false and Mail:PickupDirectory is empty).");
        }

        await client.SendMailAsync(mail, cancellationToken);
    }

    /// <summary><c>Mail:PickupDirectory</c> as an absolute folder: relative paths are under the content root.</summary>
    public static string ResolvePickupDirectory(string folder, string contentRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(contentRoot);
        return Path.GetFullPath(Path.IsPathRooted(folder) ? folder : Path.Combine(contentRoot, folder));
    }
}
