using GotaKeren.Web.Audit;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Data;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.Slug).HasMaxLength(63);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.RegionCode).HasMaxLength(13);
        builder.Property(t => t.ProvinceCode).HasMaxLength(2);
        builder.Property(t => t.TimeZone).HasMaxLength(64);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.ProgrammeJson).HasColumnType("jsonb");
        builder.ComplexProperty(t => t.Branding);
        builder.ComplexProperty(t => t.Targets, t => t.Property(x => x.CoverageTargetPercent).HasPrecision(5, 2));
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.HasIndex(e => e.At);
        builder.Property(e => e.SubjectKind).HasMaxLength(16);
        builder.Property(e => e.Reason).HasMaxLength(PersonalDataExports.MaxReasonLength);

        // The look log is read per person and per user, newest first.
        builder.HasIndex(e => new { e.SubjectId, e.At }).HasDatabaseName("ix_audit_events_subject");
        builder.HasIndex(e => new { e.UserName, e.At }).HasDatabaseName("ix_audit_events_user");
    }
}
