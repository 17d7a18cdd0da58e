using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Roster;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Roster.Pages;

[RequestSizeLimit(RosterUploads.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = RosterUploads.MaxBytes + 1024 * 1024)]
[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class RosterImportsModel(AppDbContext db, RosterUploads uploads, TenantContext scope) : PageModel
{
    public sealed record Row(Guid Id, DateTimeOffset UploadedAt, string FileName, string UploadedBy, RosterImportStatus Status, int New, int Changed, int Leaving, int Invalid);

    public IReadOnlyList<Row> Imports { get; private set; } = [];
    public string? Error { get; private set; }
    public string TimeZone => scope.Tenant!.TimeZone;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, bool fullRoster, bool createMissingOpd, CancellationToken ct)
    {
        var outcome = await uploads.StartAsync(file, fullRoster, createMissingOpd, User.Identity!.Name!, ct);
        if (outcome.Id is { } id)
        {
            return RedirectToPage("/Roster/Pages/RosterImportDetail", new { id });
        }

        Error = outcome.Error;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Imports = await db.RosterImports.AsNoTracking().OrderByDescending(i => i.UploadedAt).Take(50)
            .Select(i => new Row(i.Id, i.UploadedAt, i.FileName, i.UploadedBy, i.Status, i.New, i.Changed, i.Leaving, i.Invalid))
            .ToListAsync(ct);
}
