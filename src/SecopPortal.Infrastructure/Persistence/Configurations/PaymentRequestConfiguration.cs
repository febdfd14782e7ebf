using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Identity;

namespace SecopPortal.Infrastructure.Persistence.Configurations;

internal sealed class PaymentRequestConfiguration : IEntityTypeConfiguration<PaymentRequest>
{
    public void Configure(EntityTypeBuilder<PaymentRequest> builder)
    {
        builder.ToTable("PaymentRequests");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(40);
        builder.Property(p => p.Cufe).HasMaxLength(PaymentRequestRules.CufeMaxLength);
        builder.Property(p => p.InvoiceNumber).HasMaxLength(PaymentRequestRules.InvoiceNumberMaxLength);
        builder.Property(p => p.FilingNumber).HasMaxLength(PaymentRequestRules.FilingNumberMaxLength);
        builder.Property(p => p.Notes).HasMaxLength(PaymentRequestRules.NotesMaxLength);
        builder.Property(p => p.PilaNumber).HasMaxLength(PaymentRequestRules.PilaNumberMaxLength);
        builder.Property(p => p.RejectionReason).HasMaxLength(PaymentRequestRules.RejectionReasonMaxLength);
        builder.Property(p => p.ApprovedRpNumber).HasMaxLength(PaymentRequestRules.RpNumberMaxLength);
        builder.Property(p => p.ConcurrencyStamp).IsConcurrencyToken();

        builder.HasOne<Contract>().WithMany().HasForeignKey(p => p.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.ContractorId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(p => p.Attachments).WithOne().HasForeignKey("PaymentRequestId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(p => p.History).WithOne().HasForeignKey("PaymentRequestId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.History).UsePropertyAccessMode(PropertyAccessMode.Field);

        // "Id de pago" is consecutive per contract; the unique index stops two creations racing to the same number.
        builder.HasIndex(p => new { p.ContractId, p.Sequence }).IsUnique();
        builder.HasIndex(p => new { p.Status, p.UpdatedAtUtc });
        builder.HasIndex(p => p.Cufe);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.ToTable("PaymentRequestAttachments");
        builder.HasKey(a => a.Id);
        builder.Property<int>("PaymentRequestId");
        builder.Property(a => a.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.FileName).HasMaxLength(Attachment.FileNameMaxLength).IsRequired();
        builder.Property(a => a.ContentType).HasMaxLength(Attachment.ContentTypeMaxLength).IsRequired();
        builder.Property(a => a.Sha256).HasMaxLength(Attachment.Sha256Length).IsFixedLength().IsRequired();
        builder.Property(a => a.StorageKey).HasMaxLength(Attachment.StorageKeyMaxLength).IsRequired();
        builder.Property(a => a.Description).HasMaxLength(Attachment.DescriptionMaxLength);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.UploadedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex("PaymentRequestId");

        // The start-up sweep asks which of a few keys a row references (ADR 0021): an index, not a scan.
        builder.HasIndex(a => a.StorageKey);
    }
}

internal sealed class PaymentRequestTransitionConfiguration : IEntityTypeConfiguration<PaymentRequestTransition>
{
    public void Configure(EntityTypeBuilder<PaymentRequestTransition> builder)
    {
        builder.ToTable("PaymentRequestTransitions");
        builder.HasKey(t => t.Id);
        builder.Property<int>("PaymentRequestId");
        builder.Property(t => t.From).HasConversion<string>().HasMaxLength(40);
        builder.Property(t => t.To).HasConversion<string>().HasMaxLength(40);
        builder.Property(t => t.Action).HasMaxLength(40).IsRequired();
        builder.Property(t => t.Reason).HasMaxLength(PaymentRequestRules.RejectionReasonMaxLength);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.ByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex("PaymentRequestId");
    }
}
