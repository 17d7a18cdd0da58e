using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Protection.Pages;

/// <summary>One sponsorship as its sponsor (or the regency admin) sees it: status, consent, papers, ending it.</summary>
[RequestSizeLimit(Protection.Consents.MaxEvidenceBytes + (1024 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = Protection.Consents.MaxEvidenceBytes + (1024 * 1024))]
[Authorize(Policy = Policies.Protection)]
public sealed class SponsorshipDetailModel(
    CurrentActor current, AppDbContext db, Consents consents, Sponsorships sponsorships, ProtectionDocuments papers,
    CoverageDesk coverage, PaymentDesk payments, ContributionDocuments receipts, Tenancy.TenantContext scope) : PageModel
{
    public string Zone => scope.Tenant!.TimeZone;

    public Coverage? Cover { get; private set; }
    public IReadOnlyList<MonthLine> Months { get; private set; } = [];
    public DateOnly Today { get; private set; }

    [BindProperty]
    public HandPayment Payment { get; set; } = new();

    public Sponsorship Sponsorship { get; private set; } = null!;
    public IReadOnlyList<Consent> Consents { get; private set; } = [];
    public string? Error { get; private set; }
    public bool IsAdmin { get; private set; }

    /// <summary>The worker's address and phone on the form: for the admin, and for the sponsor while the sponsorship holds the worker.</summary>
    public bool MaySeeWorker => IsAdmin || SponsorshipLifecycle.HoldsWorker(Sponsorship.Status);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>The consent form to print for the worker's signature, filled in with their data.</summary>
    public async Task<IActionResult> OnGetConsentFormAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !MaySeeWorker)
        {
            return NotFound();
        }

        return File(await papers.ConsentFormAsync(Sponsorship, IsAdmin, ct), "application/pdf", "formulir-persetujuan-pekerja.pdf");
    }

    public async Task<IActionResult> OnPostConsentAsync(Guid id, IFormFile? consent, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (consent is not { Length: > 0 })
        {
            Error = "Pilih berkas pindaian atau foto formulir persetujuan yang sudah ditandatangani pekerja.";
            return Page();
        }

        using var buffer = new MemoryStream();
        await consent.CopyToAsync(buffer, ct);
        var outcome = await consents.RecordConsentAsync(Sponsorship.WorkerId, buffer.ToArray(), consent.FileName, await current.GetAsync(ct), ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.FirstError;
            return Page();
        }

        TempData["Message"] = "Persetujuan pekerja tercatat.";
        return RedirectToPage(new { id });
    }

    public bool SmsConfigured => consents.SmsConfigured;

    public async Task<IActionResult> OnPostSendCodeAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var outcome = await consents.SendConsentCodeAsync(id, await current.GetAsync(ct), ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.FirstError;
            return Page();
        }

        TempData["Message"] = "Kode persetujuan terkirim ke HP pekerja. Minta pekerja membacakan kodenya bila ia setuju.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostConfirmCodeAsync(Guid id, string? code, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var outcome = await consents.ConfirmConsentCodeAsync(id, code, await current.GetAsync(ct), ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.FirstError;
            return Page();
        }

        TempData["Message"] = "Persetujuan pekerja tercatat lewat kode SMS.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id, string? reason, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var outcome = await sponsorships.EndAsync(id, reason, await current.GetAsync(ct), ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.FirstError;
            await LoadAsync(id, ct);
            return Page();
        }

        TempData["Message"] = "Perlindungan diakhiri.";
        return RedirectToPage(new { id });
    }

    /// <summary>The receipt of a payment that paid one of this sponsorship's months.</summary>
    public async Task<IActionResult> OnGetReceiptAsync(Guid id, Guid payment, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !Months.Any(m => m.PaymentIds.Contains(payment))
            || !await ContributionsApi.MaySeePaymentAsync(db, payment, await current.GetAsync(ct), ct)
            || await receipts.ReceiptAsync(payment, Tenancy.RegencyUrl.Of(Request), ct) is not { } pdf)
        {
            return NotFound();
        }

        return File(pdf, "application/pdf", $"tanda-terima-{payment.ToString("N")[^8..]}.pdf");
    }

    /// <summary>The admin records a transfer or cash receipt for this worker.</summary>
    public async Task<IActionResult> OnPostPaymentAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !IsAdmin)
        {
            return NotFound();
        }

        var (input, error) = await Payment.ReadAsync(id, null, ct);
        var outcome = input is null ? null : await payments.RecordAsync(input, User.Identity!.Name!, ct);
        if (outcome is not { Succeeded: true })
        {
            Error = error ?? outcome!.FirstError;
            return Page();
        }

        TempData["Message"] = HandPayment.Confirmation(outcome.Value!);
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var found = await db.Sponsorships.AsNoTracking().Include(s => s.Worker).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (found is null || !(actor.IsAdmin || (found.AsnId is not null && found.AsnId == actor.AsnId) || (found.CompanyId is not null && found.CompanyId == actor.CompanyId)))
        {
            return false;
        }

        Sponsorship = found;
        IsAdmin = actor.IsAdmin;

        // A sponsor sees the consents given for their own sponsorship, and only while it holds the worker.
        var consents = db.Consents.AsNoTracking().Where(c => c.WorkerId == found.WorkerId);
        if (!actor.IsAdmin)
        {
            consents = SponsorshipLifecycle.HoldsWorker(found.Status) ? consents.Where(c => c.GivenAt >= found.CreatedAt) : consents.Where(c => false);
        }

        Consents = await consents.OrderBy(c => c.GivenAt).ToListAsync(ct);
        Today = coverage.Today;
        Cover = await coverage.OnAsync(id, Today, ct);
        Months = await coverage.MonthsAsync(id, ct);
        return true;
    }
}
