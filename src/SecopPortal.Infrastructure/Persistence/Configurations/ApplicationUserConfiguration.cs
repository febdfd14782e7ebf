using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecopPortal.Infrastructure.Identity;

namespace SecopPortal.Infrastructure.Persistence.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.FullName).HasMaxLength(ApplicationUser.FullNameMaxLength).IsRequired();
        builder.Property(u => u.PersonType).HasConversion<string>().HasMaxLength(40);
        builder.Property(u => u.DocumentType).HasConversion<string>().HasMaxLength(40);
        builder.Property(u => u.DocumentNumber).HasMaxLength(ApplicationUser.DocumentNumberMaxLength).IsSearchedByPrefix();
        builder.Property(u => u.NormalizedFullName).HasMaxLength(ApplicationUser.FullNameMaxLength).IsFoldedFrom(nameof(ApplicationUser.FullName));
        builder.Property(u => u.NormalizedEmail).IsSearchedByPrefix();

        // The user list's three searches, each read in its own order from its own index (Identity's EmailIndex
        // serves the e-mail). The role filter uses Identity's keys on AspNetUserRoles.
        builder.HasIndex(u => new { u.NormalizedFullName, u.Id });
        builder.HasIndex(u => new { u.DocumentNumber, u.Id });
    }
}
