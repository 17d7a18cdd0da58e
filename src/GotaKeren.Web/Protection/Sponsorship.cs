using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;

namespace GotaKeren.Web.Protection;

/// <summary>
/// A sponsor (an ASN or a company) taking one worker under protection, paying through one channel the rules
/// permit. Its status moves only along <see cref="SponsorshipLifecycle"/>.
/// </summary>
public sealed class Sponsorship : ITenantOwned, Data.IHasCreatedAt
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid WorkerId { get; set; }
    public Worker? Worker { get; set; }
    public SponsorType SponsorType { get; set; }
    public Guid? AsnId { get; set; }
    public Organisation.Asn? Asn { get; set; }
    public Guid? CompanyId { get; set; }
    public Companies.Company? Company { get; set; }
    public PaymentChannel Channel { get; set; }
    public SponsorshipStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    /// <summary>For salary deduction: when the treasurer confirmed the signed statement of willingness.</summary>
    public DateTimeOffset? StatementConfirmedAt { get; set; }
    public string? StatementConfirmedBy { get; set; }

    /// <summary>
    /// The treasurer sent the statement back (unsigned, wrong amount, wrong unit...) with a reason the ASN reads;
    /// cleared when the ASN submits it again. A returned statement cannot be confirmed until then.
    /// </summary>
    public DateTimeOffset? StatementReturnedAt { get; set; }
    public string? StatementReturnedBy { get; set; }
    public string? StatementReturnReason { get; set; }

    /// <summary>When the ASN last handed the statement in again after a return.</summary>
    public DateTimeOffset? StatementResubmittedAt { get; set; }
    public DateTimeOffset? ActivatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedBy { get; set; }
    public string? EndReason { get; set; }

    /// <summary>Optimistic concurrency: two officers acting on one sponsorship at once, one of them wins.</summary>
    public uint Version { get; set; }
}

public enum SponsorType
{
    Asn,
    Company,
}

public enum SponsorshipStatus
{
    /// <summary>Registered; waiting for what the channel needs (the treasurer's confirmation of the statement).</summary>
    Draft,

    /// <summary>The worker's own consent is not recorded yet.</summary>
    AwaitingConsent,
    Active,

    /// <summary>Ended by a person, with a reason; the worker can be protected again.</summary>
    Ended,

    /// <summary>Ended by missed payments (more than 3 consecutive unpaid months).</summary>
    Lapsed,
}
