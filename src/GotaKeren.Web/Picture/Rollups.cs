using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Picture;

/// <summary>
/// One regency's month in figures: what the dashboard, the public page and the province read. Written only by
/// <see cref="RollupRefresh"/> (set-based, from the live tables); read inside the regency through the tenant
/// filter and from outside it through the reader role, which may read these tables and no tenant table.
/// Counts of people, never names: nothing here identifies anyone.
/// </summary>
public sealed class RegencyMonth : ITenantOwned
{
    public Guid TenantId { get; set; }
    public DateOnly Month { get; set; }
    public int AsnActive { get; set; }
    public int AsnObliged { get; set; }

    /// <summary>Active ASN holding at least one active sponsorship at the month's end.</summary>
    public int AsnParticipating { get; set; }

    /// <summary>Obliged ASN protecting at least what the letter asks of them.</summary>
    public int AsnCompliant { get; set; }
    public int WorkersRequired { get; set; }
    public int OpdUnits { get; set; }
    public int OpdUnitsTakingPart { get; set; }
    public int WorkersActive { get; set; }
    public int WorkersArrears { get; set; }

    /// <summary>Sponsorships that lapsed during the month.</summary>
    public int WorkersLapsed { get; set; }
    public int? Estimate { get; set; }
    public decimal? TargetPercent { get; set; }
    public int CompaniesVerified { get; set; }
    public int CompaniesPledged { get; set; }
    public int CompaniesFulfilled { get; set; }

    /// <summary>Workers with a due for the month: the people the month's money comes from.</summary>
    public int WorkersBilled { get; set; }
    public long Owed { get; set; }
    public long Paid { get; set; }
    public long PaidByDeduction { get; set; }
    public long Remitted { get; set; }
    public long Confirmed { get; set; }
    public long PaidToDate { get; set; }
    public int Benefits { get; set; }
    public long BenefitsAmount { get; set; }
    public int BenefitsToDate { get; set; }
    public long BenefitsAmountToDate { get; set; }
    public DateTimeOffset RefreshedAt { get; set; }
}

/// <summary>One unit's (OPD's) month: its ASN against the letter, and the money of their workers.</summary>
public sealed class UnitMonth : ITenantOwned
{
    public Guid TenantId { get; set; }
    public DateOnly Month { get; set; }
    public Guid OpdId { get; set; }
    public required string OpdName { get; set; }
    public int AsnActive { get; set; }
    public int AsnObliged { get; set; }
    public int AsnParticipating { get; set; }
    public int AsnCompliant { get; set; }
    public int WorkersRequired { get; set; }
    public int WorkersProtected { get; set; }
    public long Owed { get; set; }
    public long Paid { get; set; }
    public DateTimeOffset RefreshedAt { get; set; }
}

/// <summary>
/// The earliest month whose figures changed since the regency's last refresh: written after each event that
/// changes them (<see cref="RollupRequests"/>), taken by the next refresh, which recomputes from that month to
/// the current one instead of the whole year. One row a regency: events in between only move it earlier.
/// </summary>
public sealed class RollupPending : ITenantOwned
{
    public Guid TenantId { get; set; }
    public DateOnly Since { get; set; }
}

public enum Breakdown
{
    Kecamatan,
    Occupation,
}

/// <summary>Workers by kecamatan or by occupation in a month: active, in arrears, lapsed during it.</summary>
public sealed class BreakdownMonth : ITenantOwned
{
    public Guid TenantId { get; set; }
    public DateOnly Month { get; set; }
    public Breakdown Dimension { get; set; }
    public required string Code { get; set; }
    public int WorkersActive { get; set; }
    public int WorkersArrears { get; set; }
    public int WorkersLapsed { get; set; }
    public long Owed { get; set; }
    public long Paid { get; set; }
    public DateTimeOffset RefreshedAt { get; set; }
}

internal sealed class RegencyMonthConfiguration : IEntityTypeConfiguration<RegencyMonth>
{
    public void Configure(EntityTypeBuilder<RegencyMonth> builder)
    {
        builder.ToTable("rollup_regency_months");
        builder.HasKey(r => r.Month);
        builder.Property(r => r.TargetPercent).HasPrecision(5, 2);
    }
}

internal sealed class RollupPendingConfiguration : IEntityTypeConfiguration<RollupPending>
{
    public void Configure(EntityTypeBuilder<RollupPending> builder)
    {
        builder.ToTable("rollup_pending");
        builder.HasKey(r => r.TenantId);
    }
}

internal sealed class UnitMonthConfiguration : IEntityTypeConfiguration<UnitMonth>
{
    public void Configure(EntityTypeBuilder<UnitMonth> builder)
    {
        builder.ToTable("rollup_unit_months");
        builder.HasKey(r => new { r.Month, r.OpdId });
        builder.Property(r => r.OpdName).HasMaxLength(200);
    }
}

internal sealed class BreakdownMonthConfiguration : IEntityTypeConfiguration<BreakdownMonth>
{
    public void Configure(EntityTypeBuilder<BreakdownMonth> builder)
    {
        builder.ToTable("rollup_breakdown_months");
        builder.HasKey(r => new { r.Month, r.Dimension, r.Code });
        builder.Property(r => r.Dimension).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Code).HasMaxLength(64);
    }
}
