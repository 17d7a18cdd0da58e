using GotaKeren.Web.Regions;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GotaKeren.Web.Shell.Pages;

[PlatformScope]
[AllowAnonymous]
public sealed class HomeModel(TenantCatalog catalog) : PageModel
{
    public sealed record Row(string Slug, string Name, string RegionCode, string ProvinceName, string PrimaryColor);

    public IReadOnlyList<Row> Tenants { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Tenants = [.. (await catalog.ListAsync(ct))
            .Where(t => t.Status == TenantStatus.Active)
            .Select(t => new Row(t.Slug, t.Name, t.RegionCode, Wilayah.Official.Name(t.ProvinceCode) ?? t.ProvinceCode, t.PrimaryColor))];
}
