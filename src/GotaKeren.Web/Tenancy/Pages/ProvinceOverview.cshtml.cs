using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Regions;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Tenancy.Pages;

/// <summary>A province officer sees the regencies of their own province, as aggregates only.</summary>
[PlatformScope]
[Authorize(Policy = Policies.ProvinceOfficer)]
public sealed class ProvinceOverviewModel(AppDbContext db) : PageModel
{
    public sealed record Row(string Name, int? EstimatedWorkers, decimal? CoverageTarget);

    public string ProvinceName { get; private set; } = "";
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var province = User.FindFirst(TenantClaims.Province)!.Value;
        ProvinceName = Wilayah.Official.Name(province) ?? province;
        Rows = await db.Tenants.AsNoTracking()
            .Where(t => t.ProvinceCode == province && t.Status == TenantStatus.Active)
            .OrderBy(t => t.Name)
            .Select(t => new Row(t.Name, t.Targets.EstimatedVulnerableWorkers, t.Targets.CoverageTargetPercent))
            .ToListAsync(ct);
    }
}
