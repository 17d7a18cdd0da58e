using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Protection.Pages;

/// <summary>
/// The OPD treasurer's desk: salary-deduction sponsorships of their unit whose signed statement of willingness
/// is waiting for confirmation, and those already running.
/// </summary>
[Authorize(Policy = Policies.Treasurer)]
public sealed class ConfirmDeductionsModel(CurrentActor current, AppDbContext db, Sponsorships sponsorships, RulesInForce inForce, ProtectionDocuments papers, Tenancy.TenantContext scope) : PageModel
{
    public sealed record Row(Guid Id, Guid AsnId, string Asn, string? Nip, string Worker, SponsorshipStatus Status, bool HasConsent, long? MonthlyAmount,
        string? ReturnReason, bool Returned, DateTimeOffset? ResubmittedAt);

    public string Zone => scope.Tenant!.TimeZone;

    public string? Unit { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? Error { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct)
    {
        var outcome = await sponsorships.ActivateAsync(id, await current.GetAsync(ct), ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.FirstError;
            await LoadAsync(ct);
            return Page();
        }

        TempData["Message"] = "Surat pernyataan dikonfirmasi; perlindungan aktif dan masuk daftar potong gaji.";
        return RedirectToPage();
    }

    /// <summary>The statement goes back to the ASN with what to fix; the reason is required.</summary>
    public async Task<IActionResult> OnPostReturnAsync(Guid id, string? reason, CancellationToken ct)
    {
        var outcome = await sponsorships.ReturnStatementAsync(id, reason, await current.GetAsync(ct), ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.FirstError;
            await LoadAsync(ct);
            return Page();
        }

        TempData["Message"] = "Surat pernyataan dikembalikan ke ASN beserta alasannya. ASN melihat alasan itu di halaman perlindungannya dan dapat menyerahkannya lagi.";
        return RedirectToPage();
    }

    /// <summary>The statement the ASN signed, regenerated from the same data, to compare with the paper.</summary>
    public async Task<IActionResult> OnGetStatementAsync(Guid asnId, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var inUnit = await db.Asn.AnyAsync(a => a.Id == asnId && a.OpdId == actor.OpdId, ct);
        return inUnit && await papers.StatementAsync(asnId, ct) is { } pdf
            ? File(pdf, "application/pdf", "surat-pernyataan-potong-gaji.pdf")
            : NotFound();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        if (actor.OpdId is not { } opdId)
        {
            return;
        }

        Unit = await db.OpdUnits.AsNoTracking().Where(o => o.Id == opdId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        var rules = await inForce.CurrentAsync(ct) ?? new ProgrammeRules();
        var rows = await db.Sponsorships.AsNoTracking().Include(s => s.Worker).Include(s => s.Asn)
            .Where(s => s.Channel == PaymentChannel.SalaryDeduction && s.Asn!.OpdId == opdId
                && (s.Status == SponsorshipStatus.Draft || s.Status == SponsorshipStatus.AwaitingConsent || s.Status == SponsorshipStatus.Active))
            .OrderBy(s => s.Status).ThenBy(s => s.Asn!.Name).ToListAsync(ct);
        var withConsent = await db.Consents.AsNoTracking().Where(c => c.WithdrawnAt == null && rows.Select(r => r.WorkerId).Contains(c.WorkerId))
            .Select(c => c.WorkerId).ToListAsync(ct);
        Rows = [.. rows.Select(s => new Row(s.Id, s.AsnId!.Value, s.Asn!.Name, s.Asn.Nip, s.Worker!.FullName, s.Status, withConsent.Contains(s.WorkerId),
            ProtectionDocuments.MonthlyAmount(s.Worker, rules, PaymentChannel.SalaryDeduction, inForce.Today),
            s.StatementReturnReason, s.StatementReturnedAt is not null, s.StatementResubmittedAt))];
    }
}
