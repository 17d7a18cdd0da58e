using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Roster;

internal sealed class RosterImportConfiguration : IEntityTypeConfiguration<RosterImport>
{
    public void Configure(EntityTypeBuilder<RosterImport> builder)
    {
        builder.Property(i => i.FileName).HasMaxLength(255);
        builder.Property(i => i.UploadedBy).HasMaxLength(256);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Problems).HasColumnType("jsonb");
        builder.HasIndex(i => i.UploadedAt);
    }
}
