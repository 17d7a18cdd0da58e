using GotaKeren.Web.Data;
using GotaKeren.Web.Jobs;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Privacy;

/// <summary>
/// The regency's duties under UU 27/2022 that are settings: its data protection officer's contact, and how long it
/// keeps what it no longer needs (storage limitation). One row per regency; without one, the defaults apply. The
/// reasoning behind each default is in the README ("Retention").
/// </summary>
public sealed class PrivacySettings : ITenantOwned
{
    /// <summary>The consent form promises "selama saya menjadi peserta program dan 5 (lima) tahun sesudahnya".</summary>
    public const int DefaultConsentEvidenceMonths = 60;
    public const int DefaultEndedSponsorshipMonths = 60;

    /// <summary>Long enough to re-check an import and a quarter's BPJS reconciliation; the rows themselves stay.</summary>
    public const int DefaultImportedFileDays = 90;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; }

    /// <summary>Always true: with a unique index, one row of settings per regency whatever the race (as BPJS settings).</summary>
    public bool OnePerRegency { get; set; } = true;

    /// <summary>Consent scans of a worker with no live sponsorship go this long after the last one ended.</summary>
    public int ConsentEvidenceMonths { get; set; } = DefaultConsentEvidenceMonths;

    /// <summary>A worker whose sponsorships all ended this long ago is anonymised, keeping what proves payments.</summary>
    public int EndedSponsorshipMonths { get; set; } = DefaultEndedSponsorshipMonths;

    /// <summary>Uploaded roster, worker-pool and BPJS files (many people's NIKs) go this long after upload.</summary>
    public int ImportedFileDays { get; set; } = DefaultImportedFileDays;

    /// <summary>The data protection officer (pejabat pelindungan data pribadi) people and the authority write to.</summary>
    public string? DpoName { get; set; }
    public string? DpoEmail { get; set; }
    public string? DpoPhone { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

internal sealed class PrivacySettingsConfiguration : IEntityTypeConfiguration<PrivacySettings>
{
    public void Configure(EntityTypeBuilder<PrivacySettings> builder)
    {
        builder.ToTable("privacy_settings", t =>
        {
            t.HasCheckConstraint("ck_privacy_settings_consent", "consent_evidence_months BETWEEN 1 AND 240");
            t.HasCheckConstraint("ck_privacy_settings_sponsorship", "ended_sponsorship_months BETWEEN 1 AND 240");
            t.HasCheckConstraint("ck_privacy_settings_files", "imported_file_days BETWEEN 1 AND 3650");
        });
        builder.HasIndex(s => s.OnePerRegency).IsUnique().HasDatabaseName("ux_privacy_settings_one");
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
    }
}

/// <summary>
/// Every day, for each regency: uploaded files past their days are emptied, consent scans past their months are
/// removed, and workers whose protection ended long enough ago are anonymised as a deletion would (so what
/// proves payments stays). Set-based where it can be; an anonymisation is one transaction per worker, at most
/// <see cref="BatchSize"/> a day, so a first run on an old regency spreads over days instead of one long lock.
/// </summary>
public sealed class RetentionJob(AppDbContext db, WorkerErasure erasure, TimeProvider time, ILogger<RetentionJob> logger) : IJob<Tick>
{
    public const int BatchSize = 2000;

    public static string Kind => "privacy.retention";

    public async Task RunAsync(Tick payload, JobRun run, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var settings = await db.PrivacySettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new PrivacySettings();

        var filesBefore = now.AddDays(-settings.ImportedFileDays);
        var files = await db.WorkerImports.Where(i => i.UploadedAt < filesBefore && i.File.Length > 0).ExecuteUpdateAsync(u => u.SetProperty(i => i.File, Array.Empty<byte>()), ct)
            + await db.RosterImports.Where(i => i.UploadedAt < filesBefore && i.File.Length > 0).ExecuteUpdateAsync(u => u.SetProperty(i => i.File, Array.Empty<byte>()), ct)
            + await db.BpjsFiles.Where(f => f.UploadedAt < filesBefore && f.File.Length > 0).ExecuteUpdateAsync(u => u.SetProperty(f => f.File, Array.Empty<byte>()), ct);

        var evidenceBefore = now.AddMonths(-settings.ConsentEvidenceMonths);
        var scans = await db.Consents
            .Where(c => c.Evidence.Length > 0 && !db.Sponsorships.Any(s => s.WorkerId == c.WorkerId && s.Status != SponsorshipStatus.Ended && s.Status != SponsorshipStatus.Lapsed) && db.Sponsorships.Where(s => s.WorkerId == c.WorkerId).Max(s => s.EndedAt) < evidenceBefore)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Evidence, Array.Empty<byte>()).SetProperty(c => c.EvidenceFileName, "dihapus (retensi)"), ct);

        var endedBefore = now.AddMonths(-settings.EndedSponsorshipMonths);
        var due = await db.Workers.Where(w => !w.Nik.StartsWith(Erased.NikPrefix) && db.Sponsorships.Any(s => s.WorkerId == w.Id) && !db.Sponsorships.Any(s => s.WorkerId == w.Id && s.Status != SponsorshipStatus.Ended && s.Status != SponsorshipStatus.Lapsed)
                && db.Sponsorships.Where(s => s.WorkerId == w.Id).Max(s => s.EndedAt) < endedBefore)
            .OrderBy(w => w.Id).Select(w => w.Id).Take(BatchSize).ToListAsync(ct);
        foreach (var id in due)
        {
            await erasure.EraseAsync(id, "retensi", ct);
        }

        logger.LogInformation("Retention: {Files} files emptied, {Scans} consent scans removed, {Workers} workers anonymised", files, scans, due.Count);
    }
}

/// <summary>What a download of an uploaded file answers once retention emptied it: gone, said in words, not an empty file.</summary>
public static class RemovedFile
{
    public static Microsoft.AspNetCore.Mvc.ContentResult Answer() => new()
    {
        StatusCode = StatusCodes.Status410Gone,
        ContentType = "text/plain; charset=utf-8",
        Content = "Berkas ini sudah dihapus karena masa simpannya habis (Administrasi > Masa simpan data). Data hasil impornya tetap tersimpan.",
    };
}
