using System.Security.Claims;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GotaKeren.Web.Identity;

public static class TenantClaims
{
    /// <summary>The regency a cookie or token was issued for (the platform id for platform users).</summary>
    public const string Tenant = "gk:tenant";
    public const string Province = "gk:province";
    public const string FullName = "gk:name";

    public static Guid? TenantOf(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(Tenant), out var id) ? id : null;
}

/// <summary>Every principal carries the tenant it was issued for; <see cref="TenantPrincipalGuard"/> checks it.</summary>
public sealed class AppClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(TenantClaims.Tenant, user.TenantId.ToString()));
        identity.AddClaim(new Claim(TenantClaims.FullName, user.FullName));
        if (user.ProvinceCode is not null)
        {
            identity.AddClaim(new Claim(TenantClaims.Province, user.ProvinceCode));
        }

        return identity;
    }
}

/// <summary>
/// A cookie or token issued for one regency is worth nothing in another: the principal is dropped before
/// authorization runs, so the request is anonymous there (401 on the API, the login page on pages).
/// </summary>
public sealed class TenantPrincipalGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.TenantOf() != tenant.Id)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        return next(context);
    }
}
