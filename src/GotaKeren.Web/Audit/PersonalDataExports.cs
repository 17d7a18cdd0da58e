using GotaKeren.Web.Data;

namespace GotaKeren.Web.Audit;

/// <summary>UU PDP accountability: every download of a file or list holding personal data leaves a trace.</summary>
public static class PersonalDataExports
{
    public static async Task LogExportAsync(this AppDbContext db, string userName, string what, DateTimeOffset at, CancellationToken ct)
    {
        db.AuditEvents.Add(new AuditEvent { At = at, UserName = userName, Action = AuditActions.PersonalDataExport, Detail = what });
        await db.SaveChangesAsync(ct);
    }
}
