using GotaKeren.Web.Audit;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Protection.Pages;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Organisation.Pages;

/// <summary>
/// One civil servant as the regency admin sees them: roster data, contact, the workers they protect. Opened only
/// with a reason, and opening it and unmasking the NIK are written to the look log (UU PDP accountability).
/// </summary>
[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class AsnDetailModel(AppDbContext db, TenantContext scope, TimeProvider time) : PageModel
{
    public sealed record SponsorshipLine(string Worker, SponsorshipStatus Status, DateTimeOffset CreatedAt);

    [BindProperty(SupportsGet = true, Name = "alasan")]
    public string? Reason { get; set; }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public Asn? Subject { get; private set; }
    public string Unit { get; private set; } = "";
    public bool HasAccount { get; private set; }
    public bool NikShown { get; private set; }
    public string? Error { get; private set; }

    /// <summary>Set while the ASN's processing is restricted at their request (UU 27/2022).</summary>
    public WorkerDetailModel.RestrictionNote? Restriction { get; private set; }
    public IReadOnlyList<SponsorshipLine> Sponsorships { get; private set; } = [];
    public string Zone => scope.Tenant!.TimeZone;

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

        await db.LogLookAsync(User.Identity!.Name!, AuditActions.ViewDetails, LookSubjects.Asn, id, reason, "rincian ASN", time.GetUtcNow(), ct);
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

        await db.LogLookAsync(User.Identity!.Name!, AuditActions.UnmaskNik, LookSubjects.Asn, id, reason, "NIK ASN", time.GetUtcNow(), ct);
        NikShown = true;
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> FindAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        var found = await db.Asn.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Name, a.RestrictedAt, a.RestrictedByRequestId }).FirstOrDefaultAsync(ct);
        Name = found?.Name ?? "";
        if (found?.RestrictedAt is { } since)
        {
            var number = await db.DataRequests.AsNoTracking().Where(r => r.Id == found.RestrictedByRequestId).Select(r => (int?)r.Number).FirstOrDefaultAsync(ct);
            Restriction = new(since, found.RestrictedByRequestId, number is { } n ? $"PD-{n:0000}" : null);
        }

        return Name.Length > 0;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Subject = await db.Asn.AsNoTracking().FirstAsync(a => a.Id == Id, ct);
        Unit = await db.OpdUnits.AsNoTracking().Where(o => o.Id == Subject.OpdId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        HasAccount = Subject.UserId is not null;
        Sponsorships = await db.Sponsorships.AsNoTracking().Where(s => s.AsnId == Id).OrderByDescending(s => s.CreatedAt)
            .Select(s => new SponsorshipLine(s.Worker!.FullName, s.Status, s.CreatedAt)).ToListAsync(ct);
    }
}
