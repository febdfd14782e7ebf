using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.Entities;
using SecopPortal.Infrastructure.Identity;

namespace SecopPortal.Infrastructure.Persistence.Configurations;

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> builder)
    {
        builder.ToTable("Contracts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Number).HasMaxLength(ContractDetails.NumberMaxLength).IsRequired().IsSearchedByPrefix();
        builder.Property(c => c.Purpose).HasMaxLength(ContractDetails.PurposeMaxLength).IsRequired();
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.Modality).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.ContractorPersonType).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.CdpNumber).HasMaxLength(ContractDetails.BudgetNumberMaxLength);
        builder.Property(c => c.RpNumber).HasMaxLength(ContractDetails.BudgetNumberMaxLength);
        builder.Property(c => c.ConcurrencyStamp).IsConcurrencyToken();

        builder.HasOne<PublicEntity>().WithMany().HasForeignKey(c => c.EntityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.ContractorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.SupervisorId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(c => new { c.EntityId, c.Number }).IsUnique();
        builder.HasIndex(c => new { c.ContractorId, c.Status });
        builder.HasIndex(c => new { c.SupervisorId, c.Status });

        // The admin's list of every contract: newest signature first, alone or filtered by state or entity, and
        // the search by number in number order. Each is read page by page from its own index.
        builder.HasIndex(c => new { c.SignedOn, c.Id });
        builder.HasIndex(c => new { c.Status, c.SignedOn, c.Id });
        builder.HasIndex(c => new { c.EntityId, c.SignedOn, c.Id });
        builder.HasIndex(c => new { c.Number, c.Id });
    }
}
