namespace GotaKeren.Web.Tenancy;

/// <summary>The shape of tenants/&lt;slug&gt;/tenant.yaml. Unknown fields are refused, so a typo is found at start-up.</summary>
public sealed class TenantFile
{
    public string? Slug { get; set; }
    public string? Name { get; set; }
    public string? RegionCode { get; set; }
    public string? ProvinceCode { get; set; }
    public string? TimeZone { get; set; }
    public string? Status { get; set; }
    public BrandingSection? Branding { get; set; }
    public TargetsSection? Targets { get; set; }

    /// <summary>Programme facts (history, notes) shown on the regency's pages: kept open.</summary>
    public Dictionary<string, object?>? Programme { get; set; }

    /// <summary>The first circular-letter version (see Rules.ProgrammeRules, plus effectiveFrom).</summary>
    public Dictionary<string, object?>? Rules { get; set; }

    public sealed class BrandingSection
    {
        public string? Logo { get; set; }
        public string? PrimaryColor { get; set; }
        public string? SecondaryColor { get; set; }
        public string? Address { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public string? Website { get; set; }
    }

    public sealed class TargetsSection
    {
        public int? EstimatedVulnerableWorkers { get; set; }
        public decimal? CoverageTargetPercent { get; set; }
    }
}

/// <summary>A tenant file that cannot be imported; the message names the file, the field and the reason.</summary>
public sealed class TenantFileException(string file, string field, string reason)
    : Exception($"{file}: {field}: {reason}")
{
    public string File { get; } = file;
    public string Field { get; } = field;
    public string Reason { get; } = reason;
}
