using GotaKeren.Web.Contributions;
using GotaKeren.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GotaKeren.Web.Picture.Pages;

/// <summary>
/// How the programme goes, for the regent and the admin (the whole regency) and an OPD admin (their unit): the
/// month's figures, trends, units ranked, kecamatan and occupations; each chart drawn from the table beside it.
/// </summary>
[Authorize(Policy = Policies.Dashboard)]
public sealed class DashboardModel(RegencyDashboard dashboard, DashboardExports exports, Tenancy.TenantContext scope) : PageModel
{
    public string TimeZone => scope.Tenant!.TimeZone;

    public DashboardView View { get; private set; } = null!;

    public string MonthText => MonthlyRun.MonthText(View.Month);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "bulan")] string? month, CancellationToken ct)
    {
        if (dashboard.MonthOf(month) is not { } parsed)
        {
            return RedirectToPage();
        }

        View = await dashboard.ForAsync(User, parsed, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync([FromQuery(Name = "bulan")] string? month, CancellationToken ct)
    {
        if (dashboard.MonthOf(month) is not { } parsed)
        {
            return RedirectToPage();
        }

        var view = await dashboard.ForAsync(User, parsed, ct);
        return File(await exports.XlsxAsync(view, ct), Spreadsheets.ProblemSheet.ContentType, $"capaian-{MonthlyRun.MonthText(parsed)}.xlsx");
    }

    public async Task<IActionResult> OnGetPdfAsync([FromQuery(Name = "bulan")] string? month, CancellationToken ct)
    {
        if (dashboard.MonthOf(month) is not { } parsed)
        {
            return RedirectToPage();
        }

        var view = await dashboard.ForAsync(User, parsed, ct);
        return File(await exports.PdfAsync(view, ct), "application/pdf", $"laporan-capaian-{MonthlyRun.MonthText(parsed)}.pdf");
    }
}
