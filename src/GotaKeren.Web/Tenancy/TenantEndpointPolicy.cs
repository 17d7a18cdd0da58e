using Microsoft.AspNetCore.Routing.Matching;

namespace GotaKeren.Web.Tenancy;

/// <summary>
/// Keeps the two worlds apart in routing: inside a regency only endpoints marked <see cref="TenantScopedAttribute"/>
/// match; on the platform only those marked <see cref="PlatformScopeAttribute"/>; <see cref="AnyScopeAttribute"/>
/// in both. So "/" is the landing page or a regency's home, never both, and an endpoint that names no scope
/// matches nowhere: it fails closed instead of opening on the platform.
/// </summary>
public sealed class TenantEndpointPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => true;

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var inTenant = httpContext.RequestServices.GetRequiredService<TenantContext>().Tenant is not null;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Endpoint.Metadata.GetMetadata<AnyScopeAttribute>() is not null)
            {
                continue;
            }

            var metadata = candidates[i].Endpoint.Metadata;
            var matches = inTenant
                ? metadata.GetMetadata<TenantScopedAttribute>() is not null
                : metadata.GetMetadata<PlatformScopeAttribute>() is not null;
            if (!matches)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
