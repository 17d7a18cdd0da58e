using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace GotaKeren.Web.Identity;

/// <summary>
/// A login of one regency (or of the platform, under <see cref="TenantContext.PlatformId"/>). The same user
/// name may exist in two regencies: uniqueness is per tenant, by convention.
/// </summary>
public sealed class AppUser : IdentityUser<Guid>, ITenantOwned
{
    public Guid TenantId { get; set; }
    public string FullName { get; set; } = "";

    /// <summary>The province a ProvinceOfficer may read, e.g. "33".</summary>
    public string? ProvinceCode { get; set; }

    /// <summary>The unit a treasurer (bendahara) or OPD admin works for.</summary>
    public Guid? OpdId { get; set; }

    /// <summary>The company a CompanyOfficer acts for.</summary>
    public Guid? CompanyId { get; set; }

    /// <summary>
    /// When an invitation link last left for this account (an invited admin without a password yet): a
    /// compare-and-set on it sends one e-mail for twenty clicks on "invite" or "activate".
    /// </summary>
    public DateTimeOffset? InvitedAt { get; set; }
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole()
    {
    }

    public AppRole(string name)
        : base(name)
    {
    }
}

public sealed class AppUserRole : IdentityUserRole<Guid>, ITenantOwned
{
    public Guid TenantId { get; set; }
}

public sealed class AppUserClaim : IdentityUserClaim<Guid>, ITenantOwned
{
    public Guid TenantId { get; set; }
}

public sealed class AppUserLogin : IdentityUserLogin<Guid>, ITenantOwned
{
    public Guid TenantId { get; set; }
}

public sealed class AppUserToken : IdentityUserToken<Guid>, ITenantOwned
{
    public Guid TenantId { get; set; }
}

public sealed class AppRoleClaim : IdentityRoleClaim<Guid>;
