using GotaKeren.Web.Companies;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Companies.Pages;

/// <summary>
/// The regency admin's CSR desk: companies to verify, every pledge with its status, and company sponsorships
/// whose consent is in and whose payment Disnaker confirms to activate them.
/// </summary>
[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class ManageCompaniesModel(CurrentActor current, AppDbContext db, CompanyDesk desk, Sponsorships protection) : PageModel
{
    public sealed record Waiting(Guid Id, string Sponsor, string Worker, PaymentChannel Channel);

    public IReadOnlyList<Company> Companies { get; private set; } = [];
    public IReadOnlyList<PledgeProgress> Pledges { get; private set; } = [];
    public IReadOnlyList<Waiting> ToActivate { get; private set; } = [];

    /// <summary>Live sponsorships whose ASN has left the roster: they can no longer pay or end them themselves.</summary>
    public IReadOnlyList<Waiting> Orphaned { get; private set; } = [];
    public string? Error { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostVerifyAsync(Guid id, bool approve, string? note, CancellationToken ct)
    {
        var outcome = await desk.VerifyAsync(id, approve, note, User.Identity!.Name!, ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.FirstError;
            await LoadAsync(ct);
            return Page();
        }

        TempData["Message"] = $"{outcome.Value!.Name}: {Company.Label(outcome.Value.Status).ToLowerInvariant()}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostActivateAsync(Guid id, CancellationToken ct)
    {
        var outcome = await protection.ActivateAsync(id, await current.GetAsync(ct), ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.FirstError;
            await LoadAsync(ct);
            return Page();
        }

        TempData["Message"] = "Perlindungan aktif.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id, string? reason, CancellationToken ct)
    {
        var outcome = await protection.EndAsync(id, reason, await current.GetAsync(ct), ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.FirstError;
            await LoadAsync(ct);
            return Page();
        }

        TempData["Message"] = "Perlindungan diakhiri; pekerja kembali ke daftar tunggu.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Orphaned = await db.Sponsorships.AsNoTracking()
            .Where(s => s.AsnId != null && !s.Asn!.Active && s.Status != SponsorshipStatus.Ended && s.Status != SponsorshipStatus.Lapsed)
            .OrderBy(s => s.Asn!.Name).Select(s => new Waiting(s.Id, s.Asn!.Name, s.Worker!.FullName, s.Channel)).ToListAsync(ct);
        Companies = await db.Companies.AsNoTracking().OrderBy(c => c.Status).ThenBy(c => c.Name).ToListAsync(ct);
        Pledges = await desk.PledgesAsync(null, ct);
        // Salary deduction is the treasurer's to confirm; every other draft waits for Disnaker to see the payment.
        ToActivate = await db.Sponsorships.AsNoTracking().Where(s => s.Status == SponsorshipStatus.Draft && s.Channel != PaymentChannel.SalaryDeduction)
            .OrderBy(s => s.CreatedAt)
            .Select(s => new Waiting(s.Id, s.Company != null ? s.Company.Name : s.Asn!.Name, s.Worker!.FullName, s.Channel)).ToListAsync(ct);
    }
}
