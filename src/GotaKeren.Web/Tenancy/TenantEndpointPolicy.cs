using Microsoft.AspNetCore.Routing.Matching;

namespace GotaKeren.Web.Tenancy;

/// <summary>
/// Keeps the two worlds apart in routing: inside a regency only endpoints marked <see cref="TenantScopedAttribute"/>
/// match; on the platform only the others do. So "/" is the landing page or a regency's home, never both.
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

            var tenantScoped = candidates[i].Endpoint.Metadata.GetMetadata<TenantScopedAttribute>() is not null;
            if (tenantScoped != inTenant)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
