using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Rules;

internal sealed class RulesConfiguration : IEntityTypeConfiguration<RulesVersion>
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public void Configure(EntityTypeBuilder<RulesVersion> builder)
    {
        builder.HasIndex(v => v.Version).IsUnique();
        builder.HasIndex(v => new { v.Status, v.EffectiveFrom });
        // One open draft per regency: two admins starting one at the same moment get the same draft.
        builder.HasIndex(v => v.Status, "ix_rules_versions_one_draft").IsUnique().HasFilter("status = 'Draft'");
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.CreatedBy).HasMaxLength(256);
        builder.Property(v => v.PublishedBy).HasMaxLength(256);
        builder.Property(v => v.SubmittedBy).HasMaxLength(256);
        builder.Property(v => v.ReviewedBy).HasMaxLength(256);
        builder.Property(v => v.ReviewNotes).HasMaxLength(2000);
        // Editing, sending for review, sending back and publishing race on one draft: the last change seen wins nothing.
        builder.Property(v => v.UpdatedAt).IsConcurrencyToken();
        builder.Property(v => v.Rules)
            .HasColumnType("jsonb")
            .HasConversion(
                rules => JsonSerializer.Serialize(rules, Json),
                json => JsonSerializer.Deserialize<ProgrammeRules>(json, Json)!,
                new ValueComparer<ProgrammeRules>(
                    (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                    rules => JsonSerializer.Serialize(rules, Json).GetHashCode(StringComparison.Ordinal),
                    rules => JsonSerializer.Deserialize<ProgrammeRules>(JsonSerializer.Serialize(rules, Json), Json)!));
    }
}
