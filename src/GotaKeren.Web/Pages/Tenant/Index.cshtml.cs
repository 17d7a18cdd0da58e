using System.Text.Json;
using GotaKeren.Web.Data;
using GotaKeren.Web.Regions;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Pages.Tenant;

public sealed class IndexModel(AppDbContext db, TenantContext scope) : PageModel
{
    public string Name { get; private set; } = "";
    public string ProvinceName { get; private set; } = "";
    public string? MovementName { get; private set; }
    public long? EstimatedWorkers { get; private set; }
    public decimal? CoverageTarget { get; private set; }
    public int AsnRatio { get; private set; } = 1;
    public int CompanyRatio { get; private set; } = 5;
    public string RegionCode { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var tenant = scope.Tenant!;
        var row = await db.Tenants.AsNoTracking().Where(t => t.Id == tenant.Id)
            .Select(t => new { t.Targets.EstimatedVulnerableWorkers, t.Targets.CoverageTargetPercent, t.ProgrammeJson })
            .FirstAsync(ct);
        Name = tenant.Name;
        RegionCode = tenant.RegionCode;
        ProvinceName = Wilayah.Official.Name(tenant.ProvinceCode) ?? "";
        EstimatedWorkers = row.EstimatedVulnerableWorkers;
        CoverageTarget = row.CoverageTargetPercent;
        using var programme = JsonDocument.Parse(row.ProgrammeJson);
        var root = programme.RootElement;
        MovementName = root.TryGetProperty("movementName", out var m) ? m.GetString() : null;
        AsnRatio = root.TryGetProperty("asnRatio", out var a) && a.TryGetInt32(out var ar) ? ar : 1;
        CompanyRatio = root.TryGetProperty("companyRatio", out var c) && c.TryGetInt32(out var cr) ? cr : 5;
    }
}
