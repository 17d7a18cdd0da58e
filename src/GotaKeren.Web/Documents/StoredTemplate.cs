using GotaKeren.Web.Tenancy;

namespace GotaKeren.Web.Documents;

/// <summary>A regency's own version of a document template, edited in the browser. Every save is a new version.</summary>
public sealed class StoredTemplate : ITenantOwned, Data.IHasCreatedAt
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public int Version { get; set; }
    public required string Content { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A document the regency handed out, as its QR code vouches for it: what it is and when it was issued,
/// never whom it names (the verification page is public).
/// </summary>
public sealed class IssuedDocument : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Code { get; set; }
    public required string Kind { get; set; }
    public required string Title { get; set; }

    /// <summary>Whom it is about (an ASN, a company): the same certificate downloaded again keeps its code.</summary>
    public Guid? SubjectId { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public bool Revoked { get; set; }
}
