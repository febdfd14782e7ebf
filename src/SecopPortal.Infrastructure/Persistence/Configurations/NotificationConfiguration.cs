using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecopPortal.Domain.Notifications;
using SecopPortal.Infrastructure.Identity;

namespace SecopPortal.Infrastructure.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(n => n.Title).HasMaxLength(Notification.TitleMaxLength).IsRequired();
        builder.Property(n => n.Body).HasMaxLength(Notification.BodyMaxLength).IsRequired();
        builder.Property(n => n.LinkPath).HasMaxLength(Notification.LinkPathMaxLength).IsRequired();
        builder.Ignore(n => n.IsRead);

        // A user's notifications go with the user.
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);

        // The bell's unread count on every page, and the list, newest first; both lead with the recipient.
        builder.HasIndex(n => new { n.RecipientId, n.ReadAtUtc });
        builder.HasIndex(n => new { n.RecipientId, n.CreatedAtUtc });
    }
}
