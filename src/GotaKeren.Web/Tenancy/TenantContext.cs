namespace GotaKeren.Web.Tenancy;

/// <summary>What a tenant-scoped piece of code needs to know about its regency; cached, immutable.</summary>
public sealed record TenantInfo(
    Guid Id,
    string Slug,
    string Name,
    string RegionCode,
    string ProvinceCode,
    string TimeZone,
    TenantStatus Status,
    string PrimaryColor,
    string SecondaryColor,
    bool HasLogo,
    string Address);

/// <summary>
/// The scope a request or a job runs in: one regency, the platform (outside every regency), or nothing yet.
/// Platform users are stored under <see cref="PlatformId"/>, which no regency can have.
/// </summary>
public sealed class TenantContext
{
    public static readonly Guid PlatformId = Guid.Empty;

    public TenantInfo? Tenant { get; private set; }
    public bool IsPlatform { get; private set; }
    public bool IsResolved => Tenant is not null || IsPlatform;

    /// <summary>The id that scopes data: the regency's, <see cref="PlatformId"/> on the platform, null when unresolved.</summary>
    public Guid? Id => Tenant?.Id ?? (IsPlatform ? PlatformId : null);

    public void Set(TenantInfo tenant)
    {
        EnsureUnset();
        Tenant = tenant;
    }

    public void SetPlatform()
    {
        EnsureUnset();
        IsPlatform = true;
    }

    private void EnsureUnset()
    {
        // A scope never changes regency half-way: that is how data of one would leak into another.
        if (IsResolved)
        {
            throw new InvalidOperationException("The tenant of this scope is already set.");
        }
    }
}
