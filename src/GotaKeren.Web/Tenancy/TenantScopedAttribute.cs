namespace GotaKeren.Web.Tenancy;

/// <summary>Endpoint metadata: the endpoint answers only inside a regency (under /t/{slug} or a regency host).</summary>
/// <remarks>Every Razor Page carries it unless its PageModel says otherwise (<see cref="PageScopeConvention"/>).</remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class TenantScopedAttribute : Attribute
{
    public static readonly TenantScopedAttribute Instance = new();
}

/// <summary>Endpoint metadata: the endpoint answers only outside every regency (landing page, platform and province pages).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PlatformScopeAttribute : Attribute
{
    public static readonly PlatformScopeAttribute Instance = new();
}

/// <summary>Endpoint metadata: the endpoint answers in every scope (error and sign-in pages).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AnyScopeAttribute : Attribute;
