using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Impact;

public enum BenefitKind
{
    /// <summary>Jaminan Kecelakaan Kerja: treatment and compensation after a work accident.</summary>
    Jkk,

    /// <summary>Jaminan Kematian: the death benefit to the heirs (in full after 3 consecutive paid months).</summary>
    Jkm,

    /// <summary>The scholarship for a child of a worker who died or was disabled at work.</summary>
    Scholarship,
}

/// <summary>
/// A benefit (santunan) BPJS paid to a protected worker or their heirs: what the programme is for, told at the
/// regency's ceremonies. The worker's coverage on the day of the event is read from the months and kept with the
/// record, so the record says whether the worker was protected that day, whatever was paid since.
/// </summary>
public sealed class Benefit : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid WorkerId { get; set; }
    public Protection.Worker? Worker { get; set; }
    public Guid? SponsorshipId { get; set; }
    public BenefitKind Kind { get; set; }
    public DateOnly EventDate { get; set; }
    public DateOnly? PaidOn { get; set; }
    public long Amount { get; set; }

    /// <summary>Who received it ("Sutini, istri"), as the admin wrote it.</summary>
    public required string Recipient { get; set; }

    /// <summary>The family agreed that the worker's name may be told (on dashboards and at ceremonies).</summary>
    public bool MayBeNamed { get; set; }

    /// <summary>The worker's coverage on the day of the event, as computed when recorded.</summary>
    public Contributions.CoverageStatus CoverageOnEvent { get; set; }
    public bool JkmFullBenefit { get; set; }
    public string? Note { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

internal sealed class BenefitConfiguration : IEntityTypeConfiguration<Benefit>
{
    public void Configure(EntityTypeBuilder<Benefit> builder)
    {
        builder.ToTable("benefits", t => t.HasCheckConstraint("ck_benefits_amount", "amount > 0"));
        builder.Property(b => b.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.CoverageOnEvent).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.Recipient).HasMaxLength(200);
        builder.Property(b => b.Note).HasMaxLength(500);
        builder.Property(b => b.RecordedBy).HasMaxLength(256);
        builder.HasOne(b => b.Worker).WithMany().HasForeignKey(b => b.WorkerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Protection.Sponsorship>().WithMany().HasForeignKey(b => b.SponsorshipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => b.WorkerId);
        builder.HasIndex(b => b.EventDate);
        // The same benefit typed twice (a double click, a second clerk) is one record.
        builder.HasIndex(b => new { b.WorkerId, b.Kind, b.EventDate }).IsUnique();
    }
}
