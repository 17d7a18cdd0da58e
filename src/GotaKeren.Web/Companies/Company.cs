using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;

namespace GotaKeren.Web.Companies;

/// <summary>
/// A company in the regency's CSR scheme. It registers itself (or Disnaker does), the regency admin verifies
/// it, and only then may it pledge and protect workers.
/// </summary>
public sealed class Company : ITenantOwned, Data.IHasCreatedAt
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>16 digits (an old 15-digit NPWP gains a leading 0).</summary>
    public required string Npwp { get; set; }
    public required string Sector { get; set; }
    public required string Address { get; set; }
    public string? VillageCode { get; set; }
    public CompanySize Size { get; set; }
    public required string ContactName { get; set; }
    public required string ContactEmail { get; set; }
    public string? ContactPhone { get; set; }

    /// <summary>
    /// Restriction of processing of the contact person's data at their request (UU 27/2022 art. 11): the person is
    /// the contact, not the company, so the columns name the contact. While set the contact gets no notice or
    /// receipt e-mail, their name, e-mail and phone are masked in the lists handed out (the companies API), their
    /// data is not corrected, and the company's row says "Kontak dibatasi". The company itself, its pledges,
    /// payments and sponsorships go on: they are the company's, and what is owed must still be paid.
    /// </summary>
    public DateTimeOffset? ContactRestrictedAt { get; set; }
    public Guid? ContactRestrictedByRequestId { get; set; }
    public CompanyStatus Status { get; set; }
    public string? StatusNote { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public string? VerifiedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    public static string Label(CompanyStatus status) => status switch
    {
        CompanyStatus.Pending => "Menunggu verifikasi Disnaker",
        CompanyStatus.Verified => "Terverifikasi",
        _ => "Ditolak",
    };
}

public enum CompanyStatus
{
    Pending,
    Verified,
    Rejected,
}

/// <summary>A company's promise to protect a number of workers for a period, due by a date.</summary>
public sealed class Pledge : ITenantOwned, Data.IHasCreatedAt
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public Company? Company { get; set; }
    public int Workers { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public DateOnly DueDate { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancelledBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    /// <summary>
    /// Derived, never stored, so it cannot drift: cancelled; fulfilled once enough workers are actively
    /// protected; overdue after the due date; in progress once one is registered; pending before that.
    /// </summary>
    public PledgeStatus StatusOn(DateOnly today, int active, int pending) =>
        CancelledAt is not null ? PledgeStatus.Cancelled
        : active >= Workers ? PledgeStatus.Fulfilled
        : today > DueDate ? PledgeStatus.Overdue
        : active + pending > 0 ? PledgeStatus.InProgress
        : PledgeStatus.Pending;

    public static string Label(PledgeStatus status) => status switch
    {
        PledgeStatus.Pending => "Menunggu",
        PledgeStatus.InProgress => "Berjalan",
        PledgeStatus.Overdue => "Terlambat",
        PledgeStatus.Fulfilled => "Terpenuhi",
        _ => "Dibatalkan",
    };
}

public enum PledgeStatus
{
    Pending,
    InProgress,
    Overdue,
    Fulfilled,
    Cancelled,
}
