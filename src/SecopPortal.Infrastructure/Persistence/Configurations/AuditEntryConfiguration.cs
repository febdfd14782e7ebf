using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecopPortal.Infrastructure.Auditing;

namespace SecopPortal.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        // The append-only triggers of the AuditLog migration, declared so that EF does not use SQL Server's OUTPUT
        // clause (refused on a table with triggers) when it reads back a new entry's id.
        builder.ToTable("AuditEntries", table => table.HasTrigger("AuditEntries_append_only"));
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(AuditKinds.MaxLength);
        builder.Property(e => e.ActorEmail).HasMaxLength(AuditEntry.EmailMaxLength);
        builder.Property(e => e.ClientAddress).HasMaxLength(AuditEntry.AddressMaxLength);
        builder.Property(e => e.Detail).HasMaxLength(AuditEntry.DetailMaxLength).IsRequired();

        // No foreign keys: an entry outlives what it names (a deleted payment request), and no delete may cascade here.
        // Every filter of the admin screen reads one index newest first, a page at a time (keyset, ADR 0010).
        builder.HasIndex(e => new { e.OccurredAtUtc, e.Id });
        builder.HasIndex(e => new { e.ActorId, e.OccurredAtUtc, e.Id });
        builder.HasIndex(e => new { e.SubjectUserId, e.OccurredAtUtc, e.Id });
        builder.HasIndex(e => new { e.ContractId, e.OccurredAtUtc, e.Id });
        builder.HasIndex(e => new { e.Kind, e.OccurredAtUtc, e.Id });
    }
}
