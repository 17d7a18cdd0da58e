namespace GotaKeren.Web.Tenancy;

/// <summary>Endpoint metadata: the endpoint answers only inside a regency (under /t/{slug} or a regency host).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class TenantScopedAttribute : Attribute
{
    public static readonly TenantScopedAttribute Instance = new();
}

/// <summary>Endpoint metadata: the endpoint answers in every scope (error pages).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AnyScopeAttribute : Attribute;
