using GotaKeren.Web.Tenancy;

namespace GotaKeren.Web.Protection;

/// <summary>
/// The worker's own consent (UU 27/2022) to the processing of their data and to BPJS registration: the evidence
/// (the signed form scanned or photographed), the version of the text they signed, who recorded it and when.
/// Never edited: a withdrawal is stamped on it and a new consent is a new row, so the history stays.
/// </summary>
public sealed class Consent : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid WorkerId { get; set; }
    public Worker? Worker { get; set; }
    public ConsentMethod Method { get; set; }
    public required string TextVersion { get; set; }
    public required string EvidenceFileName { get; set; }
    public required string EvidenceContentType { get; set; }
    public required byte[] Evidence { get; set; }
    public DateTimeOffset GivenAt { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
    public string? WithdrawalReason { get; set; }
}

public enum ConsentMethod
{
    /// <summary>The printed consent form, signed by the worker, uploaded as a scan or photo.</summary>
    SignedForm,

    /// <summary>A confirmation code sent to the worker's phone (where the regency has SMS).</summary>
    PhoneCode,
}

/// <summary>A one-time code sent by SMS to the worker's phone; the worker reads it to the sponsor to consent.</summary>
public sealed class ConsentCode : ITenantOwned
{
    public const int MaxAttempts = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>How long an open code stands before a new one may replace it (one SMS per click burst).</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(1);

    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid SponsorshipId { get; set; }
    public Guid WorkerId { get; set; }
    public required string Phone { get; set; }

    /// <summary>SHA-256 of the code: the database never holds a usable code.</summary>
    public required string CodeHash { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public required string SentBy { get; set; }
}
