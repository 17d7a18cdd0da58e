using GotaKeren.Web.Regions;

namespace GotaKeren.Web.Tenancy;

public static class TenantsApi
{
    public sealed record TenantSummary(string Slug, string Name, string RegionCode, string ProvinceCode, string ProvinceName, string Status);

    public static void MapTenantsApi(this RouteGroupBuilder api) =>
        api.MapGet("/tenants", async (TenantCatalog catalog, CancellationToken ct) =>
                (await catalog.ListAsync(ct))
                    .Where(t => t.Status == TenantStatus.Active)
                    .Select(t => new TenantSummary(t.Slug, t.Name, t.RegionCode, t.ProvinceCode, Wilayah.Official.Name(t.ProvinceCode) ?? "", "active"))
                    .ToList())
            .AllowAnonymous()
            .WithName("ListTenants")
            .WithSummary("Kabupaten yang aktif di platform");
}
