using GotaKeren.Web.Audit;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Regions;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Protection.Pages;

/// <summary>
/// One worker as the regency admin sees them: identity, sponsorships, consents. UU PDP asks who looked and why, so
/// the page opens only after a reason is typed, and opening it, unmasking the NIK and downloading a consent scan
/// are each written to the look log with that reason.
/// </summary>
[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class WorkerDetailModel(AppDbContext db, TenantContext scope, TimeProvider time) : PageModel
{
    public sealed record SponsorshipLine(Guid Id, SponsorshipStatus Status, string? Sponsor, DateTimeOffset CreatedAt, DateTimeOffset? ActivatedAt, DateTimeOffset? EndedAt, string? EndReason);

    public sealed record RestrictionNote(DateTimeOffset Since, Guid? RequestId, string? Reference);

    public sealed record ConsentLine(Guid Id, ConsentMethod Method, string TextVersion, DateTimeOffset GivenAt, string RecordedBy, DateTimeOffset? WithdrawnAt, string? WithdrawalReason, bool HasScan);

    [BindProperty(SupportsGet = true, Name = "alasan")]
    public string? Reason { get; set; }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public Worker? Subject { get; private set; }

    /// <summary>Set while the worker's processing is restricted at their request (UU 27/2022).</summary>
    public RestrictionNote? Restriction { get; private set; }
    public bool NikShown { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<SponsorshipLine> Sponsorships { get; private set; } = [];
    public IReadOnlyList<ConsentLine> Consents { get; private set; } = [];
    public string Zone => scope.Tenant!.TimeZone;
    public string Village => Subject is null ? "" : $"{Wilayah.Official.Name(Subject.VillageCode) ?? Subject.VillageCode}, Kec. {Wilayah.Official.Name(Subject.VillageCode[..Math.Min(8, Subject.VillageCode.Length)])}";
    public string Occupation => Subject is null ? "" : OccupationCatalog.Standard.Find(Subject.OccupationCode)?.Name ?? Subject.OccupationCode;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await FindAsync(id, ct))
        {
            return NotFound();
        }

        if (PersonalDataExports.CheckReason(Reason, out var error) is not { } reason)
        {
            Error = error;
            return Page();
        }

        await db.LogLookAsync(User.Identity!.Name!, AuditActions.ViewDetails, LookSubjects.Worker, id, reason, "rincian pekerja", time.GetUtcNow(), ct);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUnmaskAsync(Guid id, CancellationToken ct)
    {
        if (!await FindAsync(id, ct))
        {
            return NotFound();
        }

        if (PersonalDataExports.CheckReason(Reason, out var error) is not { } reason)
        {
            Error = error ?? "Tulis alasan membuka NIK lengkap.";
            return Page();
        }

        await db.LogLookAsync(User.Identity!.Name!, AuditActions.UnmaskNik, LookSubjects.Worker, id, reason, "NIK pekerja", time.GetUtcNow(), ct);
        NikShown = true;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetScanAsync(Guid id, Guid consent, CancellationToken ct)
    {
        if (!await FindAsync(id, ct))
        {
            return NotFound();
        }

        if (PersonalDataExports.CheckReason(Reason, out var error) is not { } reason)
        {
            Error = error ?? "Tulis alasan mengunduh pindaian persetujuan.";
            return Page();
        }

        var scan = await db.Consents.AsNoTracking().Where(c => c.Id == consent && c.WorkerId == id && c.Method == ConsentMethod.SignedForm)
            .Select(c => new { c.Evidence, c.EvidenceContentType, c.EvidenceFileName, c.GivenAt }).FirstOrDefaultAsync(ct);
        if (scan is null || scan.Evidence.Length == 0)
        {
            return NotFound();
        }

        await db.LogLookAsync(User.Identity!.Name!, AuditActions.ConsentScanDownload, LookSubjects.Worker, id, reason,
            $"pindaian persetujuan {Shell.Formats.DateTime(scan.GivenAt, Zone)}", time.GetUtcNow(), ct);
        return File(scan.Evidence, scan.EvidenceContentType, Shell.StoredFileName.Of(scan.EvidenceFileName, "persetujuan"));
    }

    /// <summary>Whether the worker exists here; the name alone is shown with the reason form, as the list already shows it.</summary>
    private async Task<bool> FindAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        var found = await db.Workers.AsNoTracking().Where(w => w.Id == id).Select(w => new { w.FullName, w.RestrictedAt, w.RestrictedByRequestId }).FirstOrDefaultAsync(ct);
        Name = found?.FullName ?? "";
        if (found?.RestrictedAt is { } since)
        {
            var number = await db.DataRequests.AsNoTracking().Where(r => r.Id == found.RestrictedByRequestId).Select(r => (int?)r.Number).FirstOrDefaultAsync(ct);
            Restriction = new(since, found.RestrictedByRequestId, number is { } n ? $"PD-{n:0000}" : null);
        }

        return Name.Length > 0;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Subject = await db.Workers.AsNoTracking().FirstAsync(w => w.Id == Id, ct);
        Sponsorships = await db.Sponsorships.AsNoTracking().Where(s => s.WorkerId == Id).OrderByDescending(s => s.CreatedAt)
            .Select(s => new SponsorshipLine(s.Id, s.Status, s.Asn != null ? s.Asn.Name : s.Company != null ? s.Company.Name : null, s.CreatedAt, s.ActivatedAt, s.EndedAt, s.EndReason))
            .ToListAsync(ct);
        Consents = await db.Consents.AsNoTracking().Where(c => c.WorkerId == Id).OrderByDescending(c => c.GivenAt)
            .Select(c => new ConsentLine(c.Id, c.Method, c.TextVersion, c.GivenAt, c.RecordedBy, c.WithdrawnAt, c.WithdrawalReason, c.Method == ConsentMethod.SignedForm && c.Evidence.Length > 0))
            .ToListAsync(ct);
    }
}
