using System.Security.Claims;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Regions;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GotaKeren.Web.Picture.Pages;

/// <summary>
/// The province's regencies side by side, ranked by coverage, with their trends and a drill-down to one
/// regency: a province officer sees their province, the platform admin any (every province by default).
/// Read from the rollups through the reader role; no tenant filter is switched off.
/// </summary>
[PlatformScope]
[Authorize(Policy = Policies.ProvincePicture)]
public sealed class ProvinceComparisonModel(PictureReader reader, TimeProvider time) : PageModel
{
    public sealed record Line(int Rank, RegencyFigures Figures);

    public string Title { get; private set; } = "";
    public string? Province { get; private set; }
    public DateOnly Month { get; private set; }
    public IReadOnlyList<Line> Lines { get; private set; } = [];

    /// <summary>Each regency's 12 months: protected workers and participation.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<RegencyFigures> Months)> Trends { get; private set; } = [];

    /// <summary>The regency drilled into, with its units and breakdowns for the month.</summary>
    public RegencyFigures? Detail { get; private set; }
    public IReadOnlyList<UnitMonth> DetailUnits { get; private set; } = [];
    public IReadOnlyList<BreakdownLine> DetailKecamatan { get; private set; } = [];
    public IReadOnlyList<BreakdownLine> DetailOccupations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "provinsi")] string? province, [FromQuery(Name = "bulan")] string? month, [FromQuery(Name = "kabupaten")] string? slug, CancellationToken ct)
    {
        var admin = User.IsInRole(Roles.PlatformAdmin);
        Province = admin ? (string.IsNullOrWhiteSpace(province) ? null : province) : User.FindFirstValue(TenantClaims.Province);
        if (Province is not null && !ProvincePicture.MayRead(User, Province))
        {
            return Forbid();
        }

        if (ProvincePicture.MonthOf(month, time) is not { } parsed)
        {
            return RedirectToPage();
        }

        Month = parsed;
        Title = Province is null ? "Seluruh Indonesia" : "Provinsi " + (Wilayah.Official.Name(Province) ?? Province);
        var rows = await reader.MonthsAsync(Province, null, parsed.AddMonths(-11), parsed, ct);
        var byRegency = rows.GroupBy(r => r.Id).Select(g => (Row: g.Last(), Months: g.Select(r => RegencyFigures.From(r.Slug, r.Name, r.ProvinceCode, r.Figures)).ToList())).ToList();
        // A regency not counted yet still stands in the list, with its estimate and target and no figures.
        var counted = byRegency.Where(r => r.Row.Figures.Month == parsed).ToDictionary(r => r.Row.Id, r => r.Months[^1]);
        var current = (await reader.RegenciesAsync(Province, ct))
            .Select(r => counted.GetValueOrDefault(r.Id) ?? RegencyFigures.From(r.Slug, r.Name, r.ProvinceCode, r.Figures) with { Month = parsed, RefreshedAt = null })
            .ToList();
        Lines = [.. current
            .OrderByDescending(f => f.CoveragePercent.Suppressed ? -1 : f.CoveragePercent.Value ?? -1)
            .ThenBy(f => f.Name)
            .Select((f, i) => new Line(i + 1, f))];
        Trends = [.. byRegency.Select(r => (r.Row.Name, (IReadOnlyList<RegencyFigures>)r.Months))];

        if (!string.IsNullOrWhiteSpace(slug) && byRegency.FirstOrDefault(r => r.Row.Slug == slug) is { Row: var picked } && picked.Figures.Month == parsed)
        {
            Detail = RegencyFigures.From(picked.Slug, picked.Name, picked.ProvinceCode, picked.Figures);
            var (units, breakdowns) = await reader.DetailAsync(picked.Id, parsed, ct);
            DetailUnits = units;
            DetailKecamatan = [.. breakdowns.Where(b => b.Dimension == Breakdown.Kecamatan).Select(b => ToLine(b, Wilayah.Official.Name(b.Code) ?? b.Code))];
            DetailOccupations = [.. breakdowns.Where(b => b.Dimension == Breakdown.Occupation).Select(b => ToLine(b, OccupationCatalog.Standard.Find(b.Code)?.Name ?? b.Code))];
        }

        return Page();
    }

    private static BreakdownLine ToLine(BreakdownMonth b, string name) => new(b.Code, name, b.WorkersActive, b.WorkersArrears, b.WorkersLapsed, b.Owed, b.Paid);
}
