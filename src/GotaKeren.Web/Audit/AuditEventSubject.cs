using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Audit;

/// <summary>
/// One person in an export of many (UU PDP: the person may ask who had their data, and a list handed out is a look
/// at everyone on it). The export stays one row of <see cref="AuditEvent"/>, so the activity log and the per-user
/// view read it once; these rows, ids only, written set-based in the same transaction, let the per-person log and
/// the person's access export find it.
/// </summary>
public sealed class AuditEventSubject : ITenantOwned
{
    public Guid TenantId { get; set; }
    public long EventId { get; set; }
    public Guid SubjectId { get; set; }
    public required string SubjectKind { get; set; }
}

internal sealed class AuditEventSubjectConfiguration : IEntityTypeConfiguration<AuditEventSubject>
{
    public void Configure(EntityTypeBuilder<AuditEventSubject> builder)
    {
        builder.ToTable("audit_event_subjects");
        // By person first: the per-person log asks "which exports held this person".
        builder.HasKey(s => new { s.SubjectId, s.EventId });
        builder.Property(s => s.SubjectKind).HasMaxLength(16);
        builder.HasOne<AuditEvent>().WithMany().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
