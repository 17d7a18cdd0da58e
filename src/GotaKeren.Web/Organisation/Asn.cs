using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;

namespace GotaKeren.Web.Organisation;

/// <summary>
/// A civil servant of the regency as the BKPSDM roster lists them. Identified by NIP, or by NIK for non-PNS
/// staff who have none; never deleted: leaving the roster makes them inactive.
/// </summary>
public sealed class Asn : ITenantOwned, Data.IHasUpdatedAt
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public string? Nip { get; set; }
    public string? Nik { get; set; }
    public required string Name { get; set; }
    public AsnCategory Category { get; set; }
    public Guid OpdId { get; set; }
    public OpdUnit? Opd { get; set; }
    public string? Position { get; set; }
    public string? Rank { get; set; }
    public string? Echelon { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public bool Active { get; set; } = true;
    public Guid? UserId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Restriction of processing at the ASN's request (UU 27/2022 art. 11), as for a worker
    /// (<see cref="Protection.Worker.RestrictedAt"/>): granted and lifted by the officer on the request. While set
    /// the ASN gets no reminder or notice e-mail, is left out of the lists handed out (the ASN list XLSX, compliance
    /// sheets, activation codes and invitations), is not changed by a correction or a roster import, and their page
    /// says "Dibatasi". The deduction lists still name them: the treasurer deducts their salary under the mandate
    /// they signed, and what is owed for months already covered must still be paid and proven.
    /// </summary>
    public DateTimeOffset? RestrictedAt { get; set; }
    public Guid? RestrictedByRequestId { get; set; }
}
