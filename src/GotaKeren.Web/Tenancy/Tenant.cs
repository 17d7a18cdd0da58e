namespace GotaKeren.Web.Tenancy;

public enum TenantStatus
{
    Draft,
    Active,
    Suspended,
}

/// <summary>A regency on the platform. The registry itself is platform data, not tenant-owned.</summary>
public sealed class Tenant : Data.IHasCreatedAt, Data.IHasUpdatedAt
{
    public Guid Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public required string RegionCode { get; set; }
    public required string ProvinceCode { get; set; }
    public string TimeZone { get; set; } = "Asia/Jakarta";
    public TenantStatus Status { get; set; } = TenantStatus.Draft;
    public TenantBranding Branding { get; set; } = new();
    public TenantTargets Targets { get; set; } = new();

    /// <summary>The programme facts from the tenant file, kept as JSON until the rules get their own model.</summary>
    public string ProgrammeJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class TenantBranding
{
    public string PrimaryColor { get; set; } = "#0b5e3c";
    public string SecondaryColor { get; set; } = "#f2b705";
    public string? LogoContentType { get; set; }
    public byte[]? Logo { get; set; }
    public string Address { get; set; } = "";
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
}

public sealed class TenantTargets
{
    public int? EstimatedVulnerableWorkers { get; set; }
    public decimal? CoverageTargetPercent { get; set; }
}
