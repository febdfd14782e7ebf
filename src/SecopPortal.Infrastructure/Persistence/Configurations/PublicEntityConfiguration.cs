using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecopPortal.Domain.Entities;

namespace SecopPortal.Infrastructure.Persistence.Configurations;

internal sealed class PublicEntityConfiguration : IEntityTypeConfiguration<PublicEntity>
{
    public void Configure(EntityTypeBuilder<PublicEntity> builder)
    {
        builder.ToTable("PublicEntities");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Name).HasMaxLength(PublicEntity.NameMaxLength).IsRequired();
        builder.Property(e => e.Nit).HasMaxLength(20).IsRequired();
        builder.HasIndex(e => e.Nit).IsUnique();
    }
}
