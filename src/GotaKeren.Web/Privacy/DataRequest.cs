using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Privacy;

/// <summary>
/// A data subject's request under UU 27/2022 (access, correction, restriction, deletion, withdrawal of consent),
/// answered within 3x24 hours of receipt. It names its subject by id only (a worker, an ASN, a company's
/// contact), so it stays on record after the subject's data is deleted without keeping that data.
/// </summary>
public sealed class DataRequest : ITenantOwned
{
    /// <summary>UU 27/2022 gives the controller 3x24 hours to answer.</summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromHours(72);

    /// <summary>The list warns this long before the clock runs out.</summary>
    public static readonly TimeSpan WarnBefore = TimeSpan.FromHours(24);

    public const int MaxTextLength = 1000;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; }

    /// <summary>A short number people can quote ("PD-0012"), per regency.</summary>
    public int Number { get; set; }
    public required string SubjectKind { get; set; }
    public Guid SubjectId { get; set; }
    public DataRequestKind Kind { get; set; }

    /// <summary>How the officer made sure the person is the subject (KTP shown, code to the phone on record...).</summary>
    public required string IdentityCheck { get; set; }

    /// <summary>What the person asks, in their words; cleared when the subject's data is deleted.</summary>
    public string? Details { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public required string RecordedBy { get; set; }
    public DataRequestStatus Status { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }

    /// <summary>What was done, or why it was refused, as told to the person.</summary>
    public string? Outcome { get; set; }

    public string Reference => $"PD-{Number:0000}";

    public ClockState ClockOn(DateTimeOffset now) =>
        Status != DataRequestStatus.Open ? (ClosedAt <= DueAt ? ClockState.AnsweredInTime : ClockState.AnsweredLate)
        : now >= DueAt ? ClockState.Overdue
        : DueAt - now <= WarnBefore ? ClockState.DueSoon
        : ClockState.Running;

    public static string Label(DataRequestKind kind) => kind switch
    {
        DataRequestKind.Access => "Akses (salinan data)",
        DataRequestKind.Correction => "Perbaikan data",
        DataRequestKind.Restriction => "Pembatasan pemrosesan",
        DataRequestKind.Deletion => "Penghapusan data",
        _ => "Penarikan persetujuan",
    };

    public static string Label(DataRequestStatus status) => status switch
    {
        DataRequestStatus.Open => "Terbuka",
        DataRequestStatus.Done => "Selesai",
        _ => "Ditolak",
    };
}

public enum DataRequestKind
{
    Access,
    Correction,
    Restriction,
    Deletion,
    ConsentWithdrawal,
}

public enum DataRequestStatus
{
    Open,
    Done,
    Refused,
}

public enum ClockState
{
    Running,
    DueSoon,
    Overdue,
    AnsweredInTime,
    AnsweredLate,
}

internal sealed class DataRequestConfiguration : IEntityTypeConfiguration<DataRequest>
{
    public void Configure(EntityTypeBuilder<DataRequest> builder)
    {
        builder.ToTable("data_requests");
        builder.Property(r => r.SubjectKind).HasMaxLength(16);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.IdentityCheck).HasMaxLength(300);
        builder.Property(r => r.Details).HasMaxLength(DataRequest.MaxTextLength);
        builder.Property(r => r.Outcome).HasMaxLength(DataRequest.MaxTextLength);
        builder.Property(r => r.RecordedBy).HasMaxLength(256);
        builder.Property(r => r.ClosedBy).HasMaxLength(256);
        builder.Ignore(r => r.Reference);

        // Two officers recording at once cannot take one number: the second insert fails and is retried.
        builder.HasIndex(r => r.Number).IsUnique().HasDatabaseName("ux_data_requests_number");
        builder.HasIndex(r => new { r.Status, r.DueAt }).HasDatabaseName("ix_data_requests_open");
        builder.HasIndex(r => r.SubjectId).HasDatabaseName("ix_data_requests_subject");
    }
}
