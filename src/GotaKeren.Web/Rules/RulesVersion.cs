using GotaKeren.Web.Tenancy;

namespace GotaKeren.Web.Rules;

public enum RulesStatus
{
    Draft,
    Published,
}

/// <summary>
/// One version of a regency's circular letter. Drafted by the regency admin, published by the regent; once
/// published it never changes (a database trigger refuses it too) and governs from <see cref="EffectiveFrom"/>
/// until a later published version takes over.
/// </summary>
public sealed class RulesVersion : ITenantOwned, Data.IHasCreatedAt, Data.IHasUpdatedAt
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public int Version { get; set; }
    public RulesStatus Status { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public ProgrammeRules Rules { get; set; } = new();
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? PublishedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>The admin sent the draft to the regent for review; while set the draft is not edited.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }

    /// <summary>The regent's notes when sending the draft back; kept until the next send back.</summary>
    public string? ReviewNotes { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }

    public bool UnderReview => Status == RulesStatus.Draft && SubmittedAt is not null;
}
