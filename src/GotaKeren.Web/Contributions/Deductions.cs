using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Contributions;

/// <summary>
/// One unit's salary-deduction list for one coverage month, issued and locked by the cut-off day: from then
/// on it is what payroll deducts and what the treasurer's result file is checked against.
/// </summary>
public sealed class DeductionList : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public DateOnly Month { get; set; }
    public Guid OpdId { get; set; }
    public Organisation.OpdUnit? Opd { get; set; }
    public int Lines { get; set; }
    public int Workers { get; set; }
    public long Total { get; set; }
    public required string IssuedBy { get; set; }
    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>When the treasurer's result file was committed: the list is settled.</summary>
    public DateTimeOffset? ReconciledAt { get; set; }
}

/// <summary>One ASN on a list: every open month of their salary-deduction workers up to the list's month.</summary>
public sealed class DeductionLine : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ListId { get; set; }
    public Guid AsnId { get; set; }

    /// <summary>The NIP, or the NIK of a non-PNS employee who has none: what the result file names.</summary>
    public required string Nip { get; set; }
    public required string Name { get; set; }
    public string? Rank { get; set; }
    public int Workers { get; set; }
    public DateOnly FirstMonth { get; set; }
    public DateOnly LastMonth { get; set; }
    public long Amount { get; set; }

    /// <summary>Per worker: the worker's id (so a download of the list is in each named worker's look log), masked NIK, name, consent reference, months, amount (JSON).</summary>
    public string Details { get; set; } = "[]";
}

/// <summary>A worker's share of a line, as printed on the list (all but the id, which links the list to the worker's look log).</summary>
public sealed record DeductionDetail(string Worker, string MaskedNik, string? Consent, int Months, long Amount, Guid? WorkerId = null);

public enum DeductionResultStatus
{
    Preview,
    Committed,
    Refused,
}

/// <summary>What payroll really deducted, uploaded by the treasurer: previewed, then committed all or nothing.</summary>
public sealed class DeductionResult : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ListId { get; set; }
    public required string FileName { get; set; }
    public required byte[] File { get; set; }

    /// <summary>SHA-256 of the file: the same file uploaded twice finds its first upload.</summary>
    public required string FileHash { get; set; }
    public DeductionResultStatus Status { get; set; }

    /// <summary>Per line of the list: listed, deducted, what it means (JSON).</summary>
    public string Rows { get; set; } = "[]";

    /// <summary>Rows of the file that cannot be taken (JSON of <see cref="Spreadsheets.SheetProblem"/>).</summary>
    public string Problems { get; set; } = "[]";
    public string? Message { get; set; }
    public long Deducted { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public DateTimeOffset? CommittedAt { get; set; }
}

internal sealed class DeductionListConfiguration : IEntityTypeConfiguration<DeductionList>
{
    public void Configure(EntityTypeBuilder<DeductionList> builder)
    {
        builder.ToTable("deduction_lists");
        builder.Property(l => l.IssuedBy).HasMaxLength(256);
        builder.HasOne(l => l.Opd).WithMany().HasForeignKey(l => l.OpdId).OnDelete(DeleteBehavior.Restrict);
        // One list per unit and month: issuing again (a second node, a double click, the daily job) adds nothing.
        builder.HasIndex(l => new { l.Month, l.OpdId }).IsUnique();
    }
}

internal sealed class DeductionLineConfiguration : IEntityTypeConfiguration<DeductionLine>
{
    public void Configure(EntityTypeBuilder<DeductionLine> builder)
    {
        builder.ToTable("deduction_lines");
        builder.HasKey(l => new { l.ListId, l.AsnId });
        builder.Property(l => l.Nip).HasMaxLength(18);
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.Rank).HasMaxLength(64);
        builder.Property(l => l.Details).HasColumnType("jsonb");
        builder.HasOne<DeductionList>().WithMany().HasForeignKey(l => l.ListId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation.Asn>().WithMany().HasForeignKey(l => l.AsnId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.ListId, l.Nip }).IsUnique();
    }
}

internal sealed class DeductionResultConfiguration : IEntityTypeConfiguration<DeductionResult>
{
    public void Configure(EntityTypeBuilder<DeductionResult> builder)
    {
        builder.ToTable("deduction_results");
        builder.Property(r => r.FileName).HasMaxLength(200);
        builder.Property(r => r.FileHash).HasMaxLength(64);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Rows).HasColumnType("jsonb");
        builder.Property(r => r.Problems).HasColumnType("jsonb");
        builder.Property(r => r.Message).HasMaxLength(500);
        builder.Property(r => r.UploadedBy).HasMaxLength(256);
        builder.HasOne<DeductionList>().WithMany().HasForeignKey(r => r.ListId).OnDelete(DeleteBehavior.Cascade);
        // The same file twice is the same upload; and a list is settled by one committed file, whatever the race.
        builder.HasIndex(r => new { r.ListId, r.FileHash }).IsUnique();
        builder.HasIndex(r => r.ListId, "ix_deduction_results_committed").IsUnique().HasFilter("status = 'Committed'");
    }
}
