using Microsoft.AspNetCore.Routing.Matching;

namespace GotaKeren.Web.Tenancy;

public static class TenancyExtensions
{
    /// <summary>The regencies (catalogue, the current one, work outside requests, files in tenants/) and the routing wall.</summary>
    public static void AddTenancy(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<TenancyOptions>(builder.Configuration.GetSection("Tenancy"));
        builder.Services.AddSingleton<TenantCatalog>();
        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddSingleton<TenantWork>();
        builder.Services.AddSingleton<TenantLogos>();
        builder.Services.AddScoped<TenantFileImporter>();
        builder.Services.AddScoped<RegencyOnboarding>();
        builder.Services.AddSingleton<MatcherPolicy, TenantEndpointPolicy>();
    }

    /// <summary>Resolve the regency, then route: routing must see the rebased path.</summary>
    public static void UseTenancy(this WebApplication app)
    {
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseRouting();
    }
}
