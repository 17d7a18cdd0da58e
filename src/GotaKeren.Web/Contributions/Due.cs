using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;

namespace GotaKeren.Web.Contributions;

/// <summary>
/// One month of one sponsorship's contribution: owed once, priced once. The tariff figures used are kept on the
/// due, so a later tariff or rules change never rewrites what was owed. Paid by payments, never beyond its amount.
/// </summary>
public sealed class Due : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid SponsorshipId { get; set; }
    public Protection.Sponsorship? Sponsorship { get; set; }

    /// <summary>The coverage month, as its first day.</summary>
    public DateOnly Month { get; set; }
    public DateOnly DueOn { get; set; }

    public long Amount { get; set; }
    public long Jkk { get; set; }
    public long Jkm { get; set; }
    public long Jht { get; set; }
    public long DeclaredIncome { get; set; }
    public ContributionPackage Package { get; set; }
    public OccupationSector Sector { get; set; }
    public PaymentChannel Channel { get; set; }
    public bool PublicMoney { get; set; }
    public bool DiscountApplied { get; set; }
    public required string TariffLegalBasis { get; set; }
    public string? DiscountLegalBasis { get; set; }

    /// <summary>What payments have put on this month; the database refuses more than <see cref="Amount"/>.</summary>
    public long Paid { get; set; }

    /// <summary>The day the money that completed the month was paid (not recorded): what coverage on a date reads.</summary>
    public DateOnly? PaidOn { get; set; }

    /// <summary>BPJS's own payment confirmation for the month (from its file), and the amount it says it received.</summary>
    public DateOnly? BpjsConfirmedOn { get; set; }
    public long? BpjsConfirmedAmount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Part of a payment put on one month.</summary>
public sealed class PaymentAllocation : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid PaymentId { get; set; }
    public Guid DueId { get; set; }
    public Due? Due { get; set; }
    public long Amount { get; set; }
}

/// <summary>A regency's run of one coverage month: every live sponsorship's due, created once.</summary>
public sealed class ContributionCycle : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public DateOnly Month { get; set; }
    public CycleStatus Status { get; set; }
    public int Progress { get; set; }

    /// <summary>Times the month was run: names each run's job, so a second run is a new job, not a duplicate.</summary>
    public int Runs { get; set; }

    /// <summary>Dues this cycle created (a repeated run adds only what was missing).</summary>
    public int Dues { get; set; }

    /// <summary>Sponsorships that could not be priced (an occupation the tariff does not know): told, not guessed.</summary>
    public int Unpriced { get; set; }
    public string? Error { get; set; }
    public required string StartedBy { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

public enum CycleStatus
{
    Running,
    Completed,
    Failed,
}

public enum PaymentMethod
{
    SalaryDeduction,
    BankTransfer,
    Cash,
    Online,
}

/// <summary>
/// Money that arrived for a sponsor: an ASN (all their workers, or one sponsorship) or a company. It pays whole
/// months oldest first; what is left is <see cref="Credit"/>, used when the next months fall due. One
/// reference per method: the same transfer recorded twice is refused by the database.
/// </summary>
public sealed class Payment : ITenantOwned, Data.IHasCreatedAt
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public PaymentMethod Method { get; set; }
    public long Amount { get; set; }
    public DateOnly PaidOn { get; set; }
    public required string Reference { get; set; }
    public Guid? AsnId { get; set; }
    public Guid? CompanyId { get; set; }

    /// <summary>Set when the money is for one worker only: it never pays another sponsorship's months.</summary>
    public Guid? SponsorshipId { get; set; }

    /// <summary>What is not allocated to a month yet.</summary>
    public long Credit { get; set; }

    /// <summary>What the provider gave back to the payer; the months it had paid are open again.</summary>
    public long Refunded { get; set; }

    public string? ProofFileName { get; set; }
    public string? ProofContentType { get; set; }
    public byte[]? Proof { get; set; }
    public string? Note { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
