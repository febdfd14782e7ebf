namespace SecopPortal.Infrastructure.Mail;

/// <summary>A plain-text e-mail to one recipient.</summary>
public sealed record EmailMessage(string To, string Subject, string BodyText);

/// <summary>Hands e-mails to the mail server. Throws when it does not take them (the outbox retries).</summary>
public interface IMailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
