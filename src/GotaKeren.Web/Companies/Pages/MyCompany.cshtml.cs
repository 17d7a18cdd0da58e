using GotaKeren.Web.Companies;
using GotaKeren.Web.Data;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Companies.Pages;

/// <summary>The company officer's page: verification status, pledges and how far each is, the workers protected.</summary>
[Authorize(Policy = Policies.CompanyOfficer)]
public sealed class MyCompanyModel(CurrentActor current, AppDbContext db, CompanyDesk desk, RulesInForce inForce, CompanyDocuments papers, TenantContext scope) : PageModel
{
    public sealed record Row(Guid Id, string Worker, string Village, SponsorshipStatus Status);

    public Company? Company { get; private set; }
    public int MinimumWorkers { get; private set; }
    public IReadOnlyList<PledgeProgress> Pledges { get; private set; } = [];
    public IReadOnlyList<Row> Sponsorships { get; private set; } = [];
    public string? Error { get; private set; }
    public string RegencyName => scope.Tenant!.Name;

    [BindProperty]
    public int? Workers { get; set; }

    [BindProperty]
    public DateOnly? DueDate { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostPledgeAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        if (actor.CompanyId is not { } companyId)
        {
            return Forbid();
        }

        var outcome = await desk.PledgeAsync(companyId, new PledgeInput(Workers, null, null, DueDate), actor, ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.FirstError;
            await LoadAsync(ct);
            return Page();
        }

        TempData["Message"] = $"Komitmen melindungi {outcome.Value!.Workers} pekerja tercatat.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnGetAwardAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var baseUrl = Tenancy.RegencyUrl.Of(Request);
        return actor.CompanyId is { } companyId && await papers.AwardAsync(companyId, baseUrl, ct) is { } pdf
            ? File(pdf, "application/pdf", "piagam-penghargaan-perusahaan.pdf")
            : NotFound();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        // The officer acts for the company only once it is verified (actor.CompanyId), but sees it from the start:
        // a company waiting for Disnaker must be told so, not that it has no company.
        Company = await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId)
            .Join(db.Companies.AsNoTracking(), u => u.CompanyId, c => c.Id, (_, c) => c).FirstOrDefaultAsync(ct);
        MinimumWorkers = Company is not null && await inForce.CurrentAsync(ct) is { } rules ? CompanyDesk.MinimumWorkers(rules, Company.Size) : 0;
        if (actor.CompanyId is not { } companyId)
        {
            return;
        }

        Workers ??= MinimumWorkers;
        Pledges = await desk.PledgesAsync(companyId, ct);
        var rows = await db.Sponsorships.AsNoTracking().Where(s => s.CompanyId == companyId).OrderByDescending(s => s.CreatedAt)
            .Select(s => new { s.Id, s.Worker!.FullName, s.Worker.VillageCode, s.Status }).ToListAsync(ct);
        Sponsorships = [.. rows.Select(r => new Row(r.Id, r.FullName, Regions.Wilayah.Official.Name(r.VillageCode) ?? r.VillageCode, r.Status))];
    }
}
