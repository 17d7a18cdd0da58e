using GotaKeren.Web.Data;

namespace GotaKeren.Web.Audit;

/// <summary>
/// UU PDP accountability: every download of a file or list holding personal data, and every look at one person's
/// data, leaves a trace in <see cref="AuditEvent"/> (one log, so the admin reads sign-ins, exports and looks together).
/// </summary>
public static class PersonalDataExports
{
    public const int MaxReasonLength = 300;

    public static async Task LogExportAsync(this AppDbContext db, string userName, string what, DateTimeOffset at, CancellationToken ct)
    {
        db.AuditEvents.Add(new AuditEvent { At = at, UserName = userName, Action = AuditActions.PersonalDataExport, Detail = what });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>One look at one person's data: <paramref name="action"/> is one of <see cref="AuditActions.Looks"/>.</summary>
    public static async Task LogLookAsync(this AppDbContext db, string userName, string action, string subjectKind, Guid subjectId, string reason, string? what,
        DateTimeOffset at, CancellationToken ct)
    {
        db.AuditEvents.Add(new AuditEvent
        {
            At = at, UserName = userName, Action = action, SubjectKind = subjectKind, SubjectId = subjectId, Reason = reason, Detail = what,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The reason typed before a look, trimmed; null (with the message in <paramref name="error"/>) when it cannot
    /// stand as a reason: UU PDP asks why, and "-" does not answer.
    /// </summary>
    public static string? CheckReason(string? reason, out string? error)
    {
        var text = reason?.Trim() ?? "";
        error = text.Length switch
        {
            0 => null,
            < 5 => "Alasan terlalu pendek: tulis untuk apa data ini dibuka, misalnya \"menjawab permintaan pekerja\".",
            > MaxReasonLength => $"Alasan paling panjang {MaxReasonLength} karakter.",
            _ => null,
        };
        return text.Length == 0 || error is not null ? null : text;
    }
}
