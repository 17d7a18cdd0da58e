using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Organisation;

internal sealed class OpdUnitConfiguration : IEntityTypeConfiguration<OpdUnit>
{
    public void Configure(EntityTypeBuilder<OpdUnit> builder)
    {
        builder.ToTable("opd_units");
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.NameKey).HasMaxLength(200);
        builder.Property(o => o.HeadName).HasMaxLength(200);
        builder.HasIndex(o => o.NameKey).IsUnique();
        builder.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AsnConfiguration : IEntityTypeConfiguration<Asn>
{
    public void Configure(EntityTypeBuilder<Asn> builder)
    {
        builder.ToTable("asn");
        builder.Property(a => a.Nip).HasMaxLength(18);
        builder.Property(a => a.Nik).HasMaxLength(16);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Category).HasConversion<string>().HasMaxLength(8);
        builder.Property(a => a.Position).HasMaxLength(200);
        builder.Property(a => a.Rank).HasMaxLength(64);
        builder.Property(a => a.Echelon).HasMaxLength(16);
        builder.Property(a => a.Email).HasMaxLength(256);
        builder.Property(a => a.Phone).HasMaxLength(20);
        // The roster's keys: a NIP once per regency, a NIK once per regency; imports upsert on them.
        builder.HasIndex(a => a.Nip).IsUnique().HasFilter("nip IS NOT NULL");
        builder.HasIndex(a => a.Nik).IsUnique().HasFilter("nik IS NOT NULL");
        builder.HasIndex(a => a.Name);
        // Every request of a signed-in ASN finds their roster entry by their login (CurrentActor).
        builder.HasIndex(a => a.UserId).HasFilter("user_id IS NOT NULL");
        builder.HasOne(a => a.Opd).WithMany().HasForeignKey(a => a.OpdId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AccountActivationConfiguration : IEntityTypeConfiguration<AccountActivation>
{
    public void Configure(EntityTypeBuilder<AccountActivation> builder)
    {
        builder.Property(a => a.CodeHash).HasMaxLength(64);
        builder.Property(a => a.CreatedBy).HasMaxLength(256);
        builder.HasIndex(a => a.CodeHash).IsUnique();
        // One code that still works per ASN: issuing voids the earlier one, and two issues at once cannot both stand.
        builder.HasIndex(a => a.AsnId).IsUnique().HasFilter("used_at IS NULL").HasDatabaseName("ux_account_activations_unused");
    }
}
