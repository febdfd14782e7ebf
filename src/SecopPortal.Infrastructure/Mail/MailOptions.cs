using System.Globalization;
using Microsoft.Extensions.Options;

namespace SecopPortal.Infrastructure.Mail;

/// <summary>
/// How e-mail leaves the portal, bound from the "Mail" section and validated at start-up
/// (<see cref="MailOptionsValidator"/>). <see cref="Password"/> never goes in a file of the repository: set it
/// in the environment (<c>Mail__Password</c>) or a secret store.
/// </summary>
/// <remarks>
/// Where e-mails go: to <see cref="PickupDirectory"/> when it is set (one .eml file each, handy in Development),
/// else to the SMTP server when <see cref="Enabled"/>, else nowhere yet: they stay queued in the outbox, nothing is
/// lost, and are delivered once mail is configured.
/// </remarks>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    /// <summary>Send through the SMTP server (default off).</summary>
    public bool Enabled { get; set; }

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>
    /// TLS on the connection (<see cref="MailSecurity"/>). When unset: <see cref="MailSecurity.StartTls"/> if the older
    /// <see cref="EnableSsl"/> is true, else <see cref="MailSecurity.Auto"/>.
    /// </summary>
    public MailSecurity? Security { get; set; }

    /// <summary>The older setting: true asks for STARTTLS. <see cref="Security"/> wins when set.</summary>
    public bool EnableSsl { get; set; }

    /// <summary>The TLS mode in force: <see cref="Security"/>, else what <see cref="EnableSsl"/> says.</summary>
    public MailSecurity EffectiveSecurity => Security ?? (EnableSsl ? MailSecurity.StartTls : MailSecurity.Auto);

    /// <summary>SMTP user name; leave empty for a relay that needs no authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>SMTP password: from the environment or a secret store, never from the repository.</summary>
    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>SecopPortal &lt;no-responder@secop.test&gt;</c>.</summary>
    public string From { get; set; } = "SecopPortal <no-responder@secop.test>";

    /// <summary>
    /// A folder to write e-mails to instead of sending them, one <c>.eml</c> file each; relative paths are under the
    /// content root. Wins over <see cref="Enabled"/>.
    /// </summary>
    public string? PickupDirectory { get; set; }

    /// <summary>
    /// The portal's public address (e.g. <c>https://secop.example.gov.co</c>), to put full links in e-mails;
    /// without it e-mails tell the user where to look inside the portal.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How often the dispatcher looks for due e-mails (default 5 seconds).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most e-mails one dispatch takes (default 20).</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>SMTP timeout per e-mail (default 30 seconds).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where e-mails go with these settings.</summary>
    public MailDelivery Delivery =>
        !string.IsNullOrWhiteSpace(PickupDirectory) ? MailDelivery.PickupDirectory
        : Enabled ? MailDelivery.Smtp
        : MailDelivery.Off;
}

/// <summary>How the SMTP connection is protected (<c>Mail:Security</c>).</summary>
public enum MailSecurity
{
    /// <summary>TLS from the first byte on port 465; elsewhere STARTTLS when the server offers it, plain otherwise.</summary>
    Auto = 0,

    /// <summary>Never TLS: only for a relay on a trusted network.</summary>
    None = 1,

    /// <summary>STARTTLS, required: a server that does not offer it is refused (usually port 587).</summary>
    StartTls = 2,

    /// <summary>TLS from the first byte (SMTPS, usually port 465).</summary>
    SslOnConnect = 3,
}

/// <summary>See <see cref="MailOptions.Delivery"/>.</summary>
public enum MailDelivery
{
    /// <summary>Nothing is sent; e-mails wait in the outbox.</summary>
    Off = 0,

    Smtp = 1,

    PickupDirectory = 2,
}

/// <summary>Start-up validation of <see cref="MailOptions"/>: the server and sender must make sense whenever mail is on.</summary>
public sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string section = MailOptions.SectionName;

        if (options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add($"{section}:PollInterval must be positive.");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            failures.Add($"{section}:BatchSize must be between 1 and 1000.");
        }

        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            && (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"{section}:PublicBaseUrl must be an absolute http(s) address, e.g. https://secop.example.gov.co.");
        }

        if (options.Delivery == MailDelivery.Off)
        {
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        if (!SmtpMailSender.TryParseAddress(options.From, out _))
        {
            failures.Add($"{section}:From must be an e-mail address, e.g. \"SecopPortal <no-responder@secop.test>\".");
        }

        if (options.Delivery == MailDelivery.Smtp)
        {
            if (string.IsNullOrWhiteSpace(options.Host))
            {
                failures.Add($"{section}:Host is required when {section}:Enabled is true.");
            }

            if (options.Port is < 1 or > 65535)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:Port must be between 1 and 65535 (got {options.Port})."));
            }

            if (options.Security is { } security && !Enum.IsDefined(security))
            {
                failures.Add($"{section}:Security must be Auto, None, StartTls or SslOnConnect.");
            }

            if (options.Timeout <= TimeSpan.Zero || options.Timeout.TotalMilliseconds > int.MaxValue)
            {
                failures.Add($"{section}:Timeout must be positive.");
            }

            var hasUser = !string.IsNullOrEmpty(options.UserName);
            var hasPassword = !string.IsNullOrEmpty(options.Password);
            if (hasUser && !hasPassword)
            {
                failures.Add($"{section}:UserName is set but {section}:Password is not (set it in the environment as Mail__Password).");
            }
            else if (hasPassword && !hasUser)
            {
                failures.Add($"{section}:Password is set but {section}:UserName is not.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
