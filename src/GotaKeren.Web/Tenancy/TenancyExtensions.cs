using Microsoft.AspNetCore.Routing.Matching;

namespace GotaKeren.Web.Tenancy;

public static class TenancyExtensions
{
    public static void AddTenancy(this WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<MatcherPolicy, TenantEndpointPolicy>();

    /// <summary>Resolve the regency, then route: routing must see the rebased path.</summary>
    public static void UseTenancy(this WebApplication app)
    {
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseRouting();
    }
}
