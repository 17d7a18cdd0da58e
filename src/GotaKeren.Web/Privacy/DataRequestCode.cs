using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Privacy;

/// <summary>
/// A request started on the regency's public page, waiting for the code sent to the phone or e-mail the regency
/// already holds for that person: typing it back is the identity check. Only a hash of the code is stored.
/// </summary>
public sealed class DataRequestCode : ITenantOwned
{
    public const int MaxAttempts = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string SubjectKind { get; set; }
    public Guid SubjectId { get; set; }
    public DataRequestKind Kind { get; set; }
    public string? Details { get; set; }

    /// <summary>Where the code went, masked as the person is shown it ("HP ****7890").</summary>
    public required string SentTo { get; set; }
    public required string CodeHash { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public Guid? RequestId { get; set; }
}

internal sealed class DataRequestCodeConfiguration : IEntityTypeConfiguration<DataRequestCode>
{
    public void Configure(EntityTypeBuilder<DataRequestCode> builder)
    {
        builder.ToTable("data_request_codes");
        builder.Property(c => c.SubjectKind).HasMaxLength(16);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.Details).HasMaxLength(DataRequest.MaxTextLength);
        builder.Property(c => c.SentTo).HasMaxLength(120);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.HasIndex(c => c.SubjectId).HasDatabaseName("ix_data_request_codes_subject");
    }
}
