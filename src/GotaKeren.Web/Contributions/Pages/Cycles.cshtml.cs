using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Contributions.Pages;

/// <summary>
/// The months of the programme's money: the admin starts a month's run and follows it; the admin and the
/// Bupati read each month's summary by unit, by channel and for companies, and the workers in arrears.
/// </summary>
[Authorize(Policy = Policies.RegencyStaff)]
public sealed class CyclesModel(AppDbContext db, ContributionCycles cycles, CoverageDesk coverage, Tenancy.TenantContext scope) : PageModel
{
    public string Zone => scope.Tenant!.TimeZone;

    public sealed record ArrearsLine(Guid SponsorshipId, string Worker, string Sponsor, string? Unit, int Months, long Open, DateOnly Oldest);

    public IReadOnlyList<ContributionCycle> Months { get; private set; } = [];
    public CycleSummary? Summary { get; private set; }
    public IReadOnlyList<ArrearsLine> Arrears { get; private set; } = [];

    public sealed record LapseLine(Guid SponsorshipId, string Worker, string Sponsor, DateTimeOffset On, string? Reason);

    public IReadOnlyList<LapseLine> Lapses { get; private set; } = [];
    public DateOnly Selected { get; private set; }
    public DateOnly CurrentMonth => cycles.CurrentMonth;
    public bool IsAdmin => User.IsInRole(Roles.RegencyAdmin);
    public string? Error { get; private set; }

    public async Task OnGetAsync(string? bulan, CancellationToken ct) => await LoadAsync(bulan, ct);

    /// <summary>For the progress bar: the month's state as JSON.</summary>
    public async Task<IActionResult> OnGetStatusAsync(string? bulan, CancellationToken ct)
    {
        if (!MonthlyRun.TryParseMonth(bulan, out var month) || await db.ContributionCycles.AsNoTracking().FirstOrDefaultAsync(c => c.Month == month, ct) is not { } cycle)
        {
            return NotFound();
        }

        return new JsonResult(new { progress = cycle.Progress, running = cycle.Status == CycleStatus.Running });
    }

    public async Task<IActionResult> OnPostRunAsync(string? bulan, CancellationToken ct)
    {
        if (!IsAdmin)
        {
            return Forbid();
        }

        if (!MonthlyRun.TryParseMonth(bulan, out var month))
        {
            Error = "Pilih bulan yang akan dijalankan.";
            await LoadAsync(null, ct);
            return Page();
        }

        // From the page, running a month that exists runs it again: harmless (only missing dues are added) and what
        // a person who clicks "run" expects after a late activation; the API keeps "exists" distinct.
        var outcome = await cycles.StartAsync(month, again: true, User.Identity!.Name!, ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.FirstError;
            await LoadAsync(null, ct);
            return Page();
        }

        TempData["Message"] = outcome.Value!.Created
            ? $"Iuran {Shell.Formats.Month(month)} sedang dihitung."
            : $"Iuran {Shell.Formats.Month(month)} sedang dihitung ulang: hanya tagihan yang belum ada yang ditambahkan.";
        return RedirectToPage(new { bulan = MonthlyRun.MonthText(month) });
    }

    private async Task LoadAsync(string? bulan, CancellationToken ct)
    {
        Months = await db.ContributionCycles.AsNoTracking().OrderByDescending(c => c.Month).Take(24).ToListAsync(ct);
        Selected = MonthlyRun.TryParseMonth(bulan, out var month) ? month : Months.Count > 0 ? Months[0].Month : CurrentMonth;
        Summary = await cycles.SummaryAsync(Selected, ct);

        // Open months past their due date, oldest first: who to call before a cover lapses.
        var today = coverage.Today;
        var open = await db.Dues.AsNoTracking()
            .Where(d => d.Paid < d.Amount && d.DueOn < today && d.Sponsorship!.Status == SponsorshipStatus.Active)
            .GroupBy(d => new { d.SponsorshipId, Worker = d.Sponsorship!.Worker!.FullName, Asn = d.Sponsorship.Asn!.Name, Company = d.Sponsorship.Company!.Name, Unit = d.Sponsorship.Asn.Opd!.Name })
            .Select(g => new { g.Key, Months = g.Count(), Open = g.Sum(d => d.Amount - d.Paid), Oldest = g.Min(d => d.Month) })
            .OrderBy(g => g.Oldest).Take(200).ToListAsync(ct);
        Lapses = await db.Sponsorships.AsNoTracking().Where(s => s.Status == SponsorshipStatus.Lapsed).OrderByDescending(s => s.EndedAt).Take(50)
            .Select(s => new LapseLine(s.Id, s.Worker!.FullName, s.Asn != null ? s.Asn.Name : s.Company!.Name, s.EndedAt!.Value, s.EndReason)).ToListAsync(ct);
        Arrears = [.. open.Select(o => new ArrearsLine(o.Key.SponsorshipId, o.Key.Worker, o.Key.Asn ?? o.Key.Company ?? "", o.Key.Unit, o.Months, o.Open, o.Oldest))];
    }
}
