using System.Runtime.CompilerServices;
using GotaKeren.Web.Data;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>
    /// An export of many people: one event (so the activity log reads it once) and, in the same transaction, one
    /// <see cref="AuditEventSubject"/> per person, inserted set-based from the ids (a 100,000-row list is one
    /// statement), so each person's look log and access export list it.
    /// </summary>
    public static async Task LogExportAsync(this AppDbContext db, string userName, string what, DateTimeOffset at, string subjectKind, IEnumerable<Guid> subjects, CancellationToken ct)
    {
        var ids = subjects.Distinct().ToArray();
        var export = new AuditEvent { At = at, UserName = userName, Action = AuditActions.PersonalDataExport, Detail = what };
        db.AuditEvents.Add(export);
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.SaveChangesAsync(ct);
        if (ids.Length > 0)
        {
            // current_setting: the tenant the connection is set to, which row-level security checks the rows against.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO audit_event_subjects (tenant_id, event_id, subject_id, subject_kind)
                SELECT current_setting('app.tenant_id')::uuid, {export.Id}, s, {subjectKind} FROM unnest({ids}) AS s
                """, ct);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
    }

    /// <summary>
    /// An export of many people whom the database itself can name (the lines of a deduction list, the people an
    /// imported file matches): one event, and its subjects inserted by one INSERT ... SELECT from
    /// <paramref name="subjects"/>, a query returning (subject id, subject kind) rows, so the ids never travel to
    /// the app and back. Same transaction, same rows as the overload with ids.
    /// </summary>
    public static async Task LogExportAsync(this AppDbContext db, string userName, string what, DateTimeOffset at, FormattableString subjects, CancellationToken ct)
    {
        var export = new AuditEvent { At = at, UserName = userName, Action = AuditActions.PersonalDataExport, Detail = what };
        db.AuditEvents.Add(export);
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.SaveChangesAsync(ct);
        // The caller's query is wrapped, its placeholders kept; the event id is the one placeholder added after them.
        var statement = FormattableStringFactory.Create(
            "INSERT INTO audit_event_subjects (tenant_id, event_id, subject_id, subject_kind) "
            + $"SELECT DISTINCT current_setting('app.tenant_id')::uuid, {{{subjects.ArgumentCount}}}, s.subject_id, s.subject_kind FROM ("
            + subjects.Format + ") AS s(subject_id, subject_kind) WHERE s.subject_id IS NOT NULL ON CONFLICT DO NOTHING",
            [.. subjects.GetArguments(), export.Id]);
        await db.Database.ExecuteSqlAsync(statement, ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
    }

    /// <summary>The looks at one person: their own (<see cref="AuditEvent.SubjectId"/>) and the exports of many that held them.</summary>
    public static IQueryable<AuditEvent> LooksAt(this AppDbContext db, Guid person) =>
        db.AuditEvents.Where(e => e.SubjectId == person || db.Set<AuditEventSubject>().Any(s => s.SubjectId == person && s.EventId == e.Id));

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
