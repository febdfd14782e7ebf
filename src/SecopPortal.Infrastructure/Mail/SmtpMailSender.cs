using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SecopPortal.Infrastructure.Mail;

/// <summary>
/// <see cref="IMailSender"/> on MailKit: SMTP with the TLS mode of <see cref="MailOptions.EffectiveSecurity"/> and
/// optional authentication, or .eml files in <see cref="MailOptions.PickupDirectory"/>. One connection per e-mail
/// (the outbox sends a few at a time, and an <see cref="SmtpClient"/> is not thread-safe).
/// </summary>
/// <remarks>
/// Whatever goes wrong surfaces as MailKit's or the network's own exception — <see cref="SmtpCommandException"/> (the
/// server said no), <see cref="SmtpProtocolException"/>, <see cref="AuthenticationException"/>,
/// <see cref="MailKit.ServiceNotAuthenticatedException"/> (530, e.g. STARTTLS required), <see cref="SslHandshakeException"/>,
/// <see cref="IOException"/>, <see cref="System.Net.Sockets.SocketException"/>,
/// <see cref="TimeoutException"/> — and the outbox keeps the e-mail and tries again later, as it did with
/// System.Net.Mail's <c>SmtpException</c>.
/// </remarks>
public sealed class SmtpMailSender(IOptions<MailOptions> options, string contentRoot) : IMailSender
{
    private static readonly ParserOptions AddressParsing = new() { AllowAddressesWithoutDomain = false };

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        using var mail = Compose(message, settings);
        switch (settings.Delivery)
        {
            case MailDelivery.PickupDirectory:
                await WriteToPickupDirectoryAsync(mail, ResolvePickupDirectory(settings.PickupDirectory!, contentRoot), cancellationToken);
                break;
            case MailDelivery.Smtp:
                await SendOverSmtpAsync(mail, settings, cancellationToken);
                break;
            default:
                throw new InvalidOperationException("Mail is off (Mail:Enabled is false and Mail:PickupDirectory is empty).");
        }
    }

    /// <summary>Whether <paramref name="value"/> is a sender MailKit can use, e.g. <c>SecopPortal &lt;no-responder@secop.test&gt;</c>.</summary>
    public static bool TryParseAddress(string? value, out MailboxAddress address)
    {
        if (!string.IsNullOrWhiteSpace(value) && MailboxAddress.TryParse(AddressParsing, value, out var parsed) && parsed.Address.Contains('@', StringComparison.Ordinal))
        {
            address = parsed;
            return true;
        }

        address = null!;
        return false;
    }

    /// <summary><c>Mail:PickupDirectory</c> as an absolute folder: relative paths are under the content root.</summary>
    public static string ResolvePickupDirectory(string folder, string contentRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(contentRoot);
        return Path.GetFullPath(Path.IsPathRooted(folder) ? folder : Path.Combine(contentRoot, folder));
    }

    /// <summary>MailKit's TLS mode for <paramref name="security"/>.</summary>
    public static SecureSocketOptions SocketOptionsFor(MailSecurity security) => security switch
    {
        MailSecurity.None => SecureSocketOptions.None,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    /// <summary>A plain-text UTF-8 message (MimeKit encodes an accented subject as RFC 2047 words).</summary>
    private static MimeMessage Compose(EmailMessage message, MailOptions settings)
    {
        if (!TryParseAddress(settings.From, out var from))
        {
            throw new InvalidOperationException($"Mail:From \"{settings.From}\" is not an e-mail address.");
        }

        if (!TryParseAddress(message.To, out var to))
        {
            throw new InvalidOperationException($"\"{message.To}\" is not an e-mail address.");
        }

        var mail = new MimeMessage { Subject = message.Subject };
        mail.From.Add(from);
        mail.To.Add(to);
        var body = new TextPart(MimeKit.Text.TextFormat.Plain);
        body.SetText(System.Text.Encoding.UTF8, message.BodyText);
        mail.Body = body;
        return mail;
    }

    private static async Task SendOverSmtpAsync(MimeMessage mail, MailOptions settings, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)Math.Clamp(settings.Timeout.TotalMilliseconds, 1, int.MaxValue) };
        await client.ConnectAsync(settings.Host!, settings.Port, SocketOptionsFor(settings.EffectiveSecurity), cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(new NetworkCredential(settings.UserName, settings.Password), cancellationToken);
        }

        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>Writes <c>&lt;guid&gt;.eml</c> under a temporary name first, so a reader never sees half a file.</summary>
    private static async Task WriteToPickupDirectoryAsync(MimeMessage mail, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.eml");
        var partial = path + ".tmp";
        await mail.WriteToAsync(partial, cancellationToken);
        File.Move(partial, path);
    }
}
