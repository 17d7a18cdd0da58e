using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Documents;

internal sealed class StoredTemplateConfiguration : IEntityTypeConfiguration<StoredTemplate>
{
    public void Configure(EntityTypeBuilder<StoredTemplate> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(63);
        builder.Property(t => t.CreatedBy).HasMaxLength(256);
        // Two editors saving at once cannot both become version N.
        builder.HasIndex(t => new { t.Name, t.Version }).IsUnique();
    }
}

internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> builder)
    {
        builder.Property(d => d.Code).HasMaxLength(16);
        builder.Property(d => d.Kind).HasMaxLength(64);
        builder.Property(d => d.Title).HasMaxLength(300);
        builder.HasIndex(d => d.Code).IsUnique();
        builder.HasIndex(d => new { d.Kind, d.SubjectId });
    }
}
