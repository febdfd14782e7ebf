using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure.Identity;

namespace SecopPortal.Infrastructure.Persistence.Configurations;

internal sealed class ExecutionDocumentConfiguration : IEntityTypeConfiguration<ExecutionDocument>
{
    public void Configure(EntityTypeBuilder<ExecutionDocument> builder)
    {
        builder.ToTable("ExecutionDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Description).HasMaxLength(ExecutionDocument.DescriptionMaxLength).IsRequired();
        builder.Property(d => d.FileName).HasMaxLength(ExecutionDocument.FileNameMaxLength).IsRequired();
        builder.Property(d => d.ContentType).HasMaxLength(100).IsRequired();
        builder.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(d => d.StorageKey).HasMaxLength(200).IsRequired();
        builder.Property(d => d.UploaderSide).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Contract>().WithMany().HasForeignKey(d => d.ContractId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(d => d.UploadedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.ContractId, d.UploadedAtUtc });

        // The start-up sweep asks which of a few keys a row references (ADR 0021): an index, not a scan.
        builder.HasIndex(d => d.StorageKey);
    }
}
