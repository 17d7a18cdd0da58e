using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Protection;

internal sealed class WorkerConfiguration : IEntityTypeConfiguration<Worker>
{
    public void Configure(EntityTypeBuilder<Worker> builder)
    {
        builder.ToTable("workers");
        builder.Property(w => w.Nik).HasMaxLength(16);
        builder.Property(w => w.FullName).HasMaxLength(200);
        // Byte order ("C"): a prefix LIKE and ORDER BY name use the plain index; keys are lower-case names.
        builder.Property(w => w.NameKey).HasMaxLength(200).UseCollation("C");
        builder.Property(w => w.Sex).HasConversion<string>().HasMaxLength(8);
        builder.Property(w => w.OccupationCode).HasMaxLength(32);
        builder.Property(w => w.VillageCode).HasMaxLength(13).UseCollation("C");
        builder.Property(w => w.Address).HasMaxLength(300);
        builder.Property(w => w.Phone).HasMaxLength(20);
        builder.Property(w => w.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.CreatedBy).HasMaxLength(256);
        // One registry entry per NIK in a regency; search by NIK, by name prefix and by village (or kecamatan prefix).
        builder.HasIndex(w => w.Nik).IsUnique().HasDatabaseName(WorkerRegistry.NikIndex);
        builder.Property(w => w.Kpj).HasMaxLength(11);
        // One membership number, one worker: a KPJ file naming it twice is refused here whatever the race.
        builder.HasIndex(w => w.Kpj).IsUnique().HasFilter("kpj IS NOT NULL");
        builder.HasIndex(w => w.NameKey);
        builder.HasIndex(w => w.VillageCode);
        // The waiting list a sponsor searches by occupation and kecamatan, in page order: without it a search read
        // the whole kecamatan and sorted it (50 ms at 200,000 workers, the largest cost of 200 users' minute).
        builder.HasIndex(w => new { w.OccupationCode, w.VillageCode, w.NameKey });
    }
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> builder)
    {
        builder.ToTable("consents");
        builder.Property(c => c.Method).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.TextVersion).HasMaxLength(64);
        builder.Property(c => c.EvidenceFileName).HasMaxLength(200);
        builder.Property(c => c.EvidenceContentType).HasMaxLength(100);
        builder.Property(c => c.RecordedBy).HasMaxLength(256);
        builder.Property(c => c.WithdrawnBy).HasMaxLength(256);
        builder.Property(c => c.WithdrawalReason).HasMaxLength(500);
        builder.HasOne(c => c.Worker).WithMany().HasForeignKey(c => c.WorkerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.WorkerId);
    }
}

internal sealed class SponsorshipConfiguration : IEntityTypeConfiguration<Sponsorship>
{
    public void Configure(EntityTypeBuilder<Sponsorship> builder)
    {
        builder.ToTable("sponsorships");
        builder.Property(s => s.SponsorType).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Channel).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(s => s.CreatedBy).HasMaxLength(256);
        builder.Property(s => s.StatementConfirmedBy).HasMaxLength(256);
        builder.Property(s => s.EndedBy).HasMaxLength(256);
        builder.Property(s => s.EndReason).HasMaxLength(500);
        builder.Property(s => s.StatementReturnedBy).HasMaxLength(256);
        builder.Property(s => s.StatementReturnReason).HasMaxLength(500);
        builder.Property(s => s.Version).IsRowVersion();
        builder.HasOne(s => s.Worker).WithMany().HasForeignKey(s => s.WorkerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Asn).WithMany().HasForeignKey(s => s.AsnId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Company).WithMany().HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.CompanyId);
        builder.HasIndex(s => s.WorkerId);
        builder.HasIndex(s => s.AsnId);
        builder.HasIndex(s => s.Status);
        // Within a regency the database itself keeps one live sponsorship per worker; across regencies the
        // platform register of NIK hashes does.
        builder.HasIndex(s => s.WorkerId, "ix_sponsorships_live_worker").IsUnique().HasFilter("status NOT IN ('Ended', 'Lapsed')");
    }
}

internal sealed class ProtectedNikConfiguration : IEntityTypeConfiguration<ProtectedNik>
{
    public void Configure(EntityTypeBuilder<ProtectedNik> builder)
    {
        builder.ToTable("protected_niks");
        builder.HasKey(p => p.NikHash);
        builder.Property(p => p.NikHash).HasMaxLength(32);
        builder.HasIndex(p => p.SponsorshipId).IsUnique();
    }
}

internal sealed class WorkerImportConfiguration : IEntityTypeConfiguration<WorkerImport>
{
    public void Configure(EntityTypeBuilder<WorkerImport> builder)
    {
        builder.ToTable("worker_imports");
        builder.Property(i => i.FileName).HasMaxLength(200);
        builder.Property(i => i.UploadedBy).HasMaxLength(256);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Problems).HasColumnType("jsonb");
        builder.Property(i => i.Message).HasMaxLength(1000);
        builder.HasIndex(i => i.UploadedAt);
    }
}

internal sealed class ConsentCodeConfiguration : IEntityTypeConfiguration<ConsentCode>
{
    public const string OneOpen = "ix_consent_codes_one_open";

    public void Configure(EntityTypeBuilder<ConsentCode> builder)
    {
        builder.ToTable("consent_codes");
        builder.Property(c => c.Phone).HasMaxLength(20);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.Property(c => c.SentBy).HasMaxLength(256);
        builder.HasIndex(c => c.SponsorshipId);
        // At most one open (unused) code per sponsorship: what keeps parallel "send code" clicks to one SMS.
        builder.HasIndex(c => c.SponsorshipId, OneOpen).HasDatabaseName(OneOpen).IsUnique().HasFilter("used_at IS NULL");
    }
}
