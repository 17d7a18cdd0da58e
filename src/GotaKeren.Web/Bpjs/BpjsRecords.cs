using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Bpjs;

public enum BpjsFileKind
{
    /// <summary>The membership numbers BPJS assigned: NIK, KPJ, date.</summary>
    Kpj,

    /// <summary>What BPJS says it received: NIK, month, amount.</summary>
    Confirmation,
}

public enum BpjsFileStatus
{
    Preview,
    Refused,
    Committed,
}

/// <summary>
/// A file from BPJS, kept as it came: read into a preview (damaged rows refuse the file; rows that disagree with
/// the regency's records are listed, never applied), then committed all at once. The same file again finds
/// its first upload; a commit applies only what is not applied yet, so nothing changes twice.
/// </summary>
public sealed class BpjsFile : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public BpjsFileKind Kind { get; set; }
    public required string FileName { get; set; }
    public required byte[] File { get; set; }
    public required string FileHash { get; set; }
    public BpjsFileStatus Status { get; set; }
    public int Rows { get; set; }

    /// <summary>Rows that will change a record when committed.</summary>
    public int Applicable { get; set; }

    /// <summary>Rows that agree with what is recorded already (a file sent again).</summary>
    public int Unchanged { get; set; }

    /// <summary>Rows of the file that cannot be read (JSON of <see cref="Spreadsheets.SheetProblem"/>): any refuses the file.</summary>
    public string Problems { get; set; } = "[]";

    /// <summary>Rows BPJS and the regency disagree on (JSON of <see cref="BpjsMismatch"/>): listed for the admin, not applied.</summary>
    public string Mismatches { get; set; } = "[]";

    /// <summary>What the commit writes (JSON), decided at preview so the commit is one set-based statement.</summary>
    public string Changes { get; set; } = "[]";
    public string? Message { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string? CommittedBy { get; set; }
    public DateTimeOffset? CommittedAt { get; set; }
}

public sealed record BpjsMismatch(int Row, string Nik, string Detail);

/// <summary>What the regency paid over to BPJS for a coverage month, and with which transfer.</summary>
public sealed class BpjsRemittance : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public DateOnly Month { get; set; }
    public long Amount { get; set; }
    public required string Reference { get; set; }
    public DateOnly RemittedOn { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The regency's settings for BPJS: the columns of the registration batch, in order.</summary>
public sealed class BpjsSettings : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }

    /// <summary>Always true: with a unique index, one row of settings per regency whatever the race.</summary>
    public bool OnePerRegency { get; set; } = true;
    public required string RegistrationColumns { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

internal sealed class BpjsFileConfiguration : IEntityTypeConfiguration<BpjsFile>
{
    public void Configure(EntityTypeBuilder<BpjsFile> builder)
    {
        builder.ToTable("bpjs_files");
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.FileName).HasMaxLength(200);
        builder.Property(f => f.FileHash).HasMaxLength(64);
        builder.Property(f => f.Message).HasMaxLength(1000);
        builder.Property(f => f.UploadedBy).HasMaxLength(256);
        builder.Property(f => f.CommittedBy).HasMaxLength(256);
        // The same file uploaded twice (or twice at once) is one upload.
        builder.HasIndex(f => new { f.Kind, f.FileHash }).IsUnique();
        builder.HasIndex(f => f.UploadedAt);
    }
}

internal sealed class BpjsRemittanceConfiguration : IEntityTypeConfiguration<BpjsRemittance>
{
    public void Configure(EntityTypeBuilder<BpjsRemittance> builder)
    {
        builder.ToTable("bpjs_remittances", t => t.HasCheckConstraint("ck_bpjs_remittances_amount", "amount > 0"));
        builder.Property(r => r.Reference).HasMaxLength(100);
        builder.Property(r => r.RecordedBy).HasMaxLength(256);
        // A month is remitted once; a correction is a new reference on the same record, by the admin.
        builder.HasIndex(r => r.Month).IsUnique();
    }
}

internal sealed class BpjsSettingsConfiguration : IEntityTypeConfiguration<BpjsSettings>
{
    public void Configure(EntityTypeBuilder<BpjsSettings> builder)
    {
        builder.ToTable("bpjs_settings");
        builder.Property(s => s.RegistrationColumns).HasMaxLength(1000);
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
        builder.HasIndex(s => s.OnePerRegency).IsUnique();
    }
}
