using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecopPortal.Domain.Entities;

namespace SecopPortal.Infrastructure.Persistence.Configurations;

public sealed class PublicEntityConfiguration : IEntityTypeConfiguration<PublicEntity>
{
    /// <summary>The name folded for searching (<see cref="SearchFold"/>), computed by the database; a shadow property, the domain never sees it.</summary>
    public const string NormalizedName = "NormalizedName";

    public void Configure(EntityTypeBuilder<PublicEntity> builder)
    {
        builder.ToTable("PublicEntities");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Name).HasMaxLength(PublicEntity.NameMaxLength).IsRequired();
        builder.Property<string>(NormalizedName).HasMaxLength(PublicEntity.NameMaxLength).IsFoldedFrom(nameof(PublicEntity.Name));
        builder.Property(e => e.Nit).HasMaxLength(20).IsRequired().IsSearchedByPrefix();
        builder.HasIndex(e => e.Nit).IsUnique();
        builder.Property(e => e.FirstPaymentDocuments).HasMaxLength(PublicEntity.RequiredDocumentsMaxLength);
        builder.Property(e => e.LaterPaymentDocuments).HasMaxLength(PublicEntity.RequiredDocumentsMaxLength);

        // The entity list, in name order and searched by the beginning of the name.
        builder.HasIndex(NormalizedName, nameof(PublicEntity.Id));
    }
}
