using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecopPortal.Domain.Notifications;

namespace SecopPortal.Infrastructure.Persistence.Configurations;

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> builder)
    {
        builder.ToTable("OutboxEmails");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.To).HasMaxLength(OutboxEmail.ToMaxLength).IsRequired();
        builder.Property(e => e.Subject).HasMaxLength(OutboxEmail.SubjectMaxLength).IsRequired();
        builder.Property(e => e.BodyText).IsRequired();
        builder.Property(e => e.LastError).HasMaxLength(OutboxEmail.LastErrorMaxLength);
        builder.Ignore(e => e.IsSent);

        // The claim: an UPDATE conditioned on the value read, so two dispatchers never take the same e-mail.
        builder.Property(e => e.NextAttemptAtUtc).IsConcurrencyToken();

        // The dispatcher's query: not sent, due, oldest first.
        builder.HasIndex(e => new { e.SentAtUtc, e.NextAttemptAtUtc });
    }
}
