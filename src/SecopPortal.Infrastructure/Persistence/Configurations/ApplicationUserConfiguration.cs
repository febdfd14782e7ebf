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
        builder.Property(u => u.DocumentNumber).HasMaxLength(ApplicationUser.DocumentNumberMaxLength);
    }
}
