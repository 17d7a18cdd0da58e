using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Companies;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.ToTable("companies");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Npwp).HasMaxLength(16);
        builder.Property(c => c.Sector).HasMaxLength(100);
        builder.Property(c => c.Address).HasMaxLength(300);
        builder.Property(c => c.VillageCode).HasMaxLength(13);
        builder.Property(c => c.Size).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.ContactName).HasMaxLength(200);
        builder.Property(c => c.ContactEmail).HasMaxLength(256);
        builder.Property(c => c.ContactPhone).HasMaxLength(20);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.StatusNote).HasMaxLength(500);
        builder.Property(c => c.VerifiedBy).HasMaxLength(256);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.HasIndex(c => c.Npwp).IsUnique();
    }
}

internal sealed class PledgeConfiguration : IEntityTypeConfiguration<Pledge>
{
    public const string OneLivePerStart = "ix_pledges_one_live_per_start";

    public void Configure(EntityTypeBuilder<Pledge> builder)
    {
        builder.ToTable("pledges");
        // One live pledge per company and period start: a repeated click or a second officer gets a refusal, not a second pledge.
        builder.HasIndex(p => new { p.CompanyId, p.PeriodStart }, OneLivePerStart).HasDatabaseName(OneLivePerStart).IsUnique().HasFilter("cancelled_at IS NULL");
        builder.Property(p => p.CancelledBy).HasMaxLength(256);
        builder.Property(p => p.CreatedBy).HasMaxLength(256);
        builder.HasOne(p => p.Company).WithMany().HasForeignKey(p => p.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}
