using GotaKeren.Web.Tenancy;

namespace GotaKeren.Web.Organisation;

/// <summary>A unit of the regency government (Organisasi Perangkat Daerah): a Dinas, a Badan, or a UPT under one.</summary>
public sealed class OpdUnit : ITenantOwned, Data.IHasCreatedAt
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The name folded for matching roster rows ("Dinas  Kesehatan" = "dinas kesehatan").</summary>
    public required string NameKey { get; set; }

    public Guid? ParentId { get; set; }
    public OpdUnit? Parent { get; set; }
    public string? HeadName { get; set; }

    /// <summary>Deactivated, never deleted once used: the history of deductions and sponsorships points at it.</summary>
    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public static string KeyOf(string name) =>
        string.Join(' ', name.Trim().ToLowerInvariant().Split((char[])[' ', '\t', '\u00a0'], StringSplitOptions.RemoveEmptyEntries));
}
