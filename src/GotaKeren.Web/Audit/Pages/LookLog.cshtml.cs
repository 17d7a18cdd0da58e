using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Audit.Pages;

/// <summary>
/// The look log (UU PDP accountability): who opened whose data, when and why, per person (<c>?orang=</c>) or per
/// user (<c>?pengguna=</c>), newest first. An export of many people is one row under its user, and shows in the log
/// of each person it held (through <see cref="AuditEventSubject"/>).
/// </summary>
[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class LookLogModel(AppDbContext db, TenantContext scope) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(DateTimeOffset At, string UserName, string Action, string? SubjectKind, Guid? SubjectId, string? Subject, string? Reason, string? Detail);

    [BindProperty(SupportsGet = true, Name = "orang")]
    public Guid? Person { get; set; }

    [BindProperty(SupportsGet = true, Name = "pengguna")]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true, Name = "halaman")]
    public int PageNumber { get; set; } = 1;

    public string? PersonName { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public string Zone => scope.Tenant!.TimeZone;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.AuditEvents.AsNoTracking().Where(e => AuditActions.Looks.Contains(e.Action));
        if (Person is { } person)
        {
            query = db.LooksAt(person).AsNoTracking().Where(e => AuditActions.Looks.Contains(e.Action));
            PersonName = (await NamesAsync([person], ct)).GetValueOrDefault(person) ?? "(data sudah dihapus)";
        }

        if (!string.IsNullOrWhiteSpace(UserName))
        {
            var user = UserName.Trim();
            query = query.Where(e => e.UserName == user);
        }

        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        Total = await query.CountAsync(ct);
        PageNumber = Math.Min(PageNumber, Pages);
        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(e => new { e.At, e.UserName, e.Action, e.SubjectKind, e.SubjectId, e.Reason, e.Detail }).ToListAsync(ct);
        var names = await NamesAsync([.. rows.Where(r => r.SubjectId is not null).Select(r => r.SubjectId!.Value).Distinct()], ct);
        Rows = [.. rows.Select(r => new Row(r.At, r.UserName, r.Action, r.SubjectKind, r.SubjectId,
            r.SubjectId is { } id ? names.GetValueOrDefault(id) ?? "(data sudah dihapus)" : null, r.Reason, r.Detail))];
    }

    /// <summary>The current names of workers and ASN: the log keeps ids only, so a deleted person leaves no name behind in it.</summary>
    private async Task<Dictionary<Guid, string>> NamesAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var workers = await db.Workers.AsNoTracking().Where(w => ids.Contains(w.Id)).Select(w => new { w.Id, w.FullName }).ToListAsync(ct);
        var asn = await db.Asn.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        return workers.Select(w => (w.Id, w.FullName)).Concat(asn.Select(a => (a.Id, a.Name))).ToDictionary(p => p.Id, p => p.Item2);
    }
}
