using System.Text.Json;
using GotaKeren.Web.Data;
using GotaKeren.Web.Regions;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Shell.Pages;

[AllowAnonymous]
public sealed class RegencyHomeModel(AppDbContext db, TenantContext scope, TimeProvider time) : PageModel
{
    public string Name { get; private set; } = "";
    public string ProvinceName { get; private set; } = "";
    public string? MovementName { get; private set; }
    public long? EstimatedWorkers { get; private set; }
    public decimal? CoverageTarget { get; private set; }
    public string? LetterNumber { get; private set; }

    /// <summary>From the circular letter in force; null where the letter obliges no ASN (Pasuruan's is for companies).</summary>
    public int? AsnMinimum { get; private set; }
    public int? CompanyMinimum { get; private set; }
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
        var rules = (await db.RulesVersions.InForceAsync(time.Today(tenant.TimeZone), ct))?.Rules;
        MovementName = rules?.MovementTitle ?? (root.TryGetProperty("movementName", out var m) ? m.GetString() : null);
        LetterNumber = rules?.LetterNumber;
        AsnMinimum = rules?.Asn.Where(a => a.Obliged).Select(a => (int?)a.MinimumWorkers).Min();
        CompanyMinimum = rules?.CompanyMinimumWorkers;
    }
}
