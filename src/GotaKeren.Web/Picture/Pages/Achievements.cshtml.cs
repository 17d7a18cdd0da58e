using GotaKeren.Web.Contributions;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GotaKeren.Web.Picture.Pages;

/// <summary>
/// The regency's achievements for anyone (no sign-in): aggregates from the rollups through the reader role,
/// figures from fewer than five people shown as "&lt; 5".
/// </summary>
[AllowAnonymous]
public sealed class AchievementsModel(PictureReader reader, TenantContext scope, TimeProvider time) : PageModel
{
    public RegencyFigures? Figures { get; private set; }

    public IReadOnlyList<RegencyFigures> Trend { get; private set; } = [];

    public string Regency => scope.Tenant!.Name;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var tenant = scope.Tenant!;
        var month = MonthlyRun.MonthOf(time.Today(tenant.TimeZone));
        var rows = await reader.MonthsAsync(null, tenant.Id, month.AddMonths(-11), month, ct);
        Trend = [.. rows.Select(r => RegencyFigures.From(r.Slug, r.Name, r.ProvinceCode, r.Figures))];
        Figures = Trend.Count > 0 ? Trend[^1] : null;
    }
}
