using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecopPortal.Domain.Calendar;
using SecopPortal.Infrastructure.Identity;

namespace SecopPortal.Infrastructure.Persistence.Configurations;

internal sealed class HolidayChangeConfiguration : IEntityTypeConfiguration<HolidayChange>
{
    public void Configure(EntityTypeBuilder<HolidayChange> builder)
    {
        builder.ToTable("HolidayChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Name).HasMaxLength(HolidayChange.NameMaxLength).IsRequired();
        builder.Property(c => c.LegalBasis).HasMaxLength(HolidayChange.LegalBasisMaxLength).IsRequired();
        builder.Property(c => c.WithdrawalReason).HasMaxLength(HolidayChange.ReasonMaxLength);

        // Undoing is "UPDATE … WHERE WithdrawnAtUtc IS NULL": of two administrators undoing one change, one succeeds.
        builder.Property(c => c.WithdrawnAtUtc).IsConcurrencyToken();

        // Who made and who undid each change: the audit trail names them; users are deactivated, never deleted.
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.MadeById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.WithdrawnById).OnDelete(DeleteBehavior.Restrict);

        // The admin screen reads one year's changes (a date range); the calendar reads all that are in force (few).
        builder.HasIndex(c => c.Date);
    }
}
