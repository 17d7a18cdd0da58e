using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Privacy;

/// <summary>
/// A personal-data breach on the regency's register (UU 27/2022 art. 46): written notices to the people affected
/// and to the authority are due within 3x24 hours of its discovery; when each went out is stamped here.
/// </summary>
public sealed class Breach : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public int Number { get; set; }
    public DateTimeOffset DiscoveredAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public required string Description { get; set; }
    public required string DataCategories { get; set; }
    public int Affected { get; set; }
    public required string Measures { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset? PeopleNotifiedAt { get; set; }
    public DateTimeOffset? AuthorityNotifiedAt { get; set; }

    public string Reference => $"KD-{Number:0000}";
}

internal sealed class BreachConfiguration : IEntityTypeConfiguration<Breach>
{
    public void Configure(EntityTypeBuilder<Breach> builder)
    {
        builder.ToTable("breaches", t => t.HasCheckConstraint("ck_breaches_affected", "affected >= 0"));
        builder.Property(b => b.Description).HasMaxLength(DataRequest.MaxTextLength);
        builder.Property(b => b.DataCategories).HasMaxLength(300);
        builder.Property(b => b.Measures).HasMaxLength(DataRequest.MaxTextLength);
        builder.Property(b => b.RecordedBy).HasMaxLength(256);
        builder.Ignore(b => b.Reference);
        builder.HasIndex(b => b.Number).IsUnique().HasDatabaseName("ux_breaches_number");
    }
}
